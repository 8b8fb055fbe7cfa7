{#- The value indicators as data: which children (or reviews, incidents, scores) each one
    counts, read by int_indicators__members (who is counted) and int_indicators__values
    (which indicators are defined, and when each can be computed). One entry per value
    indicator of the catalogue (spec/indicators.md; choices in docs/indicators.md):

      id            indicator id (seed indicator_catalogue)
      source        the per-child CTE of int_indicators__members its members come from
      where         which rows of it are members (the denominator; for counts, the counted)
      counted       true when the member counts in the numerator
      amount        the member's contribution to the numerator (default: 1 when counted)
      per           its contribution to the denominator (default 1; none for counts and
                    for the rate, whose denominator is the population)
      unit          what the numerator counts: child (default), review, incident, sdq_score
      availability  when it can be computed (indicator_computable): always (default); oc2 /
                    oc3 (from 903 files only at 31 March of a year whose OC2 / OC3 rows were
                    supplied); snapshot (Mosaic only); la_code (the LA's ONS code known) -#}
{% macro indicator_measures() %}
{%- set eet = "coalesce(ACTIV in ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5'), false)" -%}
{%- set suitable = "coalesce(right(ACCOM, 1) = '1', false)" -%}
{%- set in_touch = "coalesce(IN_TOUCH = 'YES', false)" -%}
{{ return([
    {'id': 'cla_at_period_end', 'source': 'children', 'where': 'true', 'counted': 'true', 'per': 'null'},
    {'id': 'cla_rate_per_10k', 'source': 'children', 'where': 'true', 'counted': 'true', 'per': 'null'},
    {'id': 'cla_started', 'source': 'starts', 'where': 'in_window', 'counted': 'true', 'per': 'null'},
    {'id': 'cla_started_ytd', 'source': 'starts', 'where': 'in_ytd', 'counted': 'true', 'per': 'null'},
    {'id': 'cla_ceased', 'source': 'ceased_12_months', 'where': 'true', 'counted': 'true', 'per': 'null'},
    {'id': 'cla_ceased_ytd', 'source': 'ceased_ytd', 'where': 'true', 'counted': 'true', 'per': 'null'},
    {'id': 'adoptions', 'source': 'ceased_12_months', 'where': "reason_category = 'adopted'", 'counted': 'true', 'per': 'null'},
    {'id': 'adoptions_ytd', 'source': 'ceased_ytd', 'where': "reason_category = 'adopted'", 'counted': 'true', 'per': 'null'},
    {'id': 'sgos', 'source': 'ceased_12_months', 'where': "reason_category = 'sgo'", 'counted': 'true', 'per': 'null'},
    {'id': 'sgos_ytd', 'source': 'ceased_ytd', 'where': "reason_category = 'sgo'", 'counted': 'true', 'per': 'null'},
    {'id': 'uasc_pct', 'source': 'children', 'where': 'true', 'counted': 'is_uasc'},
    {'id': 'placements_3plus_pct', 'source': 'stability', 'where': 'true', 'counted': 'has_3plus_placements'},
    {'id': 'long_term_stability_pct', 'source': 'stability', 'where': 'in_long_term_cohort', 'counted': 'is_long_term_stable'},
    {'id': 'placed_over_20_miles_pct', 'source': 'locations', 'where': 'true', 'counted': 'is_over_20_miles'},
    {'id': 'placed_outside_la_pct', 'source': 'locations', 'where': 'true', 'counted': "location = 'outside_la'", 'availability': 'la_code'},
    {'id': 'distance_unknown', 'source': 'locations', 'where': 'not distance_known', 'counted': 'true', 'per': 'null'},
    {'id': 'health_assessment_pct', 'source': 'health', 'where': 'true', 'counted': 'HEALTH_ASSESSMENT = 1', 'availability': 'oc2'},
    {'id': 'dental_check_pct', 'source': 'health', 'where': 'true', 'counted': 'TEETH_CHECK = 1', 'availability': 'oc2'},
    {'id': 'immunisations_pct', 'source': 'health', 'where': 'true', 'counted': 'IMMUNISATIONS = 1', 'availability': 'oc2'},
    {'id': 'sdq_completed_pct', 'source': 'health', 'where': 'sdq_eligible', 'counted': 'SDQ_SCORE is not null', 'availability': 'oc2'},
    {'id': 'sdq_average_score', 'source': 'health', 'where': 'sdq_eligible and SDQ_SCORE is not null', 'counted': 'true', 'amount': 'SDQ_SCORE', 'unit': 'sdq_score', 'availability': 'oc2'},
    {'id': 'missing_incident_pct', 'source': 'looked_after_during', 'where': 'true', 'counted': 'missing_incidents > 0'},
    {'id': 'away_incident_pct', 'source': 'looked_after_during', 'where': 'true', 'counted': 'away_incidents > 0'},
    {'id': 'missing_incidents', 'source': 'looked_after_during', 'where': 'missing_incidents > 0', 'counted': 'true', 'amount': 'missing_incidents', 'per': 'null', 'unit': 'incident'},
    {'id': 'review_participation_pct', 'source': 'reviews', 'where': 'true', 'counted': 'participated > 0', 'amount': 'participated', 'per': 'reviews', 'unit': 'review'},
    {'id': 'care_leavers_19_21_eet_pct', 'source': 'care_leavers', 'where': "age_group = '19_21'", 'counted': eet, 'availability': 'oc3'},
    {'id': 'care_leavers_19_21_suitable_accom_pct', 'source': 'care_leavers', 'where': "age_group = '19_21'", 'counted': suitable, 'availability': 'oc3'},
    {'id': 'care_leavers_19_21_in_touch_pct', 'source': 'care_leavers', 'where': "age_group = '19_21'", 'counted': in_touch, 'availability': 'oc3'},
    {'id': 'care_leavers_17_18_eet_pct', 'source': 'care_leavers', 'where': "age_group = '17_18'", 'counted': eet, 'availability': 'oc3'},
    {'id': 'care_leavers_17_18_suitable_accom_pct', 'source': 'care_leavers', 'where': "age_group = '17_18'", 'counted': suitable, 'availability': 'oc3'},
    {'id': 'care_leavers_17_18_in_touch_pct', 'source': 'care_leavers', 'where': "age_group = '17_18'", 'counted': in_touch, 'availability': 'oc3'},
    {'id': 'care_leavers_uasc_pct', 'source': 'care_leavers', 'where': "age_group = '19_21'", 'counted': 'is_ever_uasc', 'availability': 'oc3'},
    {'id': 'care_leavers_eet_snapshot_pct', 'source': 'snapshot', 'where': 'true', 'counted': 'is_eet', 'availability': 'snapshot'},
]) }}
{% endmacro %}

{#- indicator_computable(): one row per defined value indicator (indicator_measures) and date
    of int_indicators__dates: is_computable, and the note saying why not when it is not. -#}
{% macro indicator_computable() -%}
    select
        m.indicator_id,
        d.period_end,
        case m.availability
            when 'oc2' then '{{ var("source_system") }}' = 'mosaic'
                or (d.is_year_end and d.collection_year in (select YEAR from {{ ref('ssda903_oc2') }}))
            when 'oc3' then '{{ var("source_system") }}' = 'mosaic'
                or (d.is_year_end and d.collection_year in (select YEAR from {{ ref('ssda903_oc3') }}))
            when 'snapshot' then '{{ var("source_system") }}' = 'mosaic'
            when 'la_code' then (
                select max(nullif(trim(new_la_code), '')) from {{ ref('int_comparators__reporting_la') }}
            ) is not null
            else true
        end as is_computable,
        case m.availability
            when 'oc2' then 'From SSDA903 returns the health (OC2) figures exist only at 31 March of a collection year whose OC2 file was supplied.'
            when 'oc3' then 'From SSDA903 returns the care-leaver (OC3) figures exist only at 31 March of a collection year whose OC3 file was supplied.'
            when 'snapshot' then 'The snapshot needs the care-leaver contact history of a Mosaic extract; SSDA903 returns do not hold it.'
            when 'la_code' then 'The reporting LA''s ONS code is not known: la_code is not in the local authority reference (dbt/seeds/reference/local_authorities.csv).'
        end as note_when_not
    from {{ ref('int_indicators__dates') }} as d
    cross join (
        values
        {%- for m in indicator_measures() %}
            ('{{ m.id }}', '{{ m.get("availability", "always") }}'){{ "," if not loop.last }}
        {%- endfor %}
    ) as m (indicator_id, availability)
{%- endmacro %}
