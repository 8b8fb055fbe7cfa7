-- Care-leaver indicators at each date P (indicators.md "Care leavers"), from the OC3 cohort
-- of int_oc3_statuses (17th-21st birthday in W, former relevant; statuses from the Mosaic
-- contact nearest the birthday or the OC3 return of the collection year ending at P; none:
-- in the denominator only). Per age group (17_18, 19_21, by that birthday), denominator =
-- the cohort; numerators: ACTIV F1, P1, F2, P2, F4, P4, F5 or P5 (eet); ACCOM ending in 1
-- (suitable_accom); IN_TOUCH YES (in_touch). care_leavers_uasc_pct: of the 19_21 cohort,
-- those ever UASC (any row of ssda903_uasc, whatever DUC). From an SSDA903 source these
-- exist only at 31 March of a collection year whose OC3 file was supplied (else null with a
-- note). care_leavers_eet_snapshot_pct from int_indicators__care_leaver_snapshot: Mosaic
-- source only (SSDA903: null with a note).
{%- set source_system = var('source_system') %}
{%- set measures = [
    ('care_leavers_19_21_eet_pct', 'eet_19_21', 'cohort_19_21', 'oc3'),
    ('care_leavers_19_21_suitable_accom_pct', 'suitable_19_21', 'cohort_19_21', 'oc3'),
    ('care_leavers_19_21_in_touch_pct', 'in_touch_19_21', 'cohort_19_21', 'oc3'),
    ('care_leavers_17_18_eet_pct', 'eet_17_18', 'cohort_17_18', 'oc3'),
    ('care_leavers_17_18_suitable_accom_pct', 'suitable_17_18', 'cohort_17_18', 'oc3'),
    ('care_leavers_17_18_in_touch_pct', 'in_touch_17_18', 'cohort_17_18', 'oc3'),
    ('care_leavers_uasc_pct', 'uasc_19_21', 'cohort_19_21', 'oc3'),
    ('care_leavers_eet_snapshot_pct', 'snapshot_eet', 'snapshot_cohort', 'snapshot'),
] %}

with dates as (
    select period_end, is_year_end, collection_year from {{ ref('int_indicators__dates') }}
),

oc3_years as (
    select distinct YEAR from {{ ref('ssda903_oc3') }}
),

ever_uasc as (
    select distinct CHILD from {{ ref('ssda903_uasc') }}
),

available as (
    select
        d.period_end,
        '{{ source_system }}' = 'mosaic'
        or (d.is_year_end and d.collection_year in (select YEAR from oc3_years)) as oc3,
        '{{ source_system }}' = 'mosaic' as snapshot
    from dates as d
),

statuses as (
    select
        s.*,
        coalesce(s.ACTIV in ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5'), false) as is_eet,
        coalesce(right(s.ACCOM, 1) = '1', false) as is_suitable,
        coalesce(s.IN_TOUCH = 'YES', false) as is_in_touch,
        u.CHILD is not null as is_ever_uasc
    from {{ ref('int_oc3_statuses') }} as s
    left join ever_uasc as u on u.CHILD = s.CHILD
),

cohort as (
    select
        period_end,
        count(*) filter (where age_group = '19_21') as cohort_19_21,
        count(*) filter (where age_group = '19_21' and is_eet) as eet_19_21,
        count(*) filter (where age_group = '19_21' and is_suitable) as suitable_19_21,
        count(*) filter (where age_group = '19_21' and is_in_touch) as in_touch_19_21,
        count(*) filter (where age_group = '19_21' and is_ever_uasc) as uasc_19_21,
        count(*) filter (where age_group = '17_18') as cohort_17_18,
        count(*) filter (where age_group = '17_18' and is_eet) as eet_17_18,
        count(*) filter (where age_group = '17_18' and is_suitable) as suitable_17_18,
        count(*) filter (where age_group = '17_18' and is_in_touch) as in_touch_17_18
    from statuses
    group by period_end
),

snapshot as (
    select
        period_end,
        count(*) as snapshot_cohort,
        count(*) filter (where is_eet) as snapshot_eet
    from {{ ref('int_indicators__care_leaver_snapshot') }}
    group by period_end
),

measures as (
    {%- for indicator_id, numerator, denominator, availability in measures %}
    select
        a.period_end,
        a.{{ availability }} as is_available,
        '{{ availability }}' as availability,
        '{{ indicator_id }}' as indicator_id,
        coalesce({{ 's' if availability == 'snapshot' else 'c' }}.{{ numerator }}, 0)
            as numerator,
        coalesce({{ 's' if availability == 'snapshot' else 'c' }}.{{ denominator }}, 0)
            as denominator
    from available as a
    left join cohort as c on c.period_end = a.period_end
    left join snapshot as s on s.period_end = a.period_end
    {{ "union all" if not loop.last }}
    {%- endfor %}
)

select
    indicator_id,
    period_end,
    case when is_available then numerator end as numerator,
    case when is_available then denominator end as denominator,
    case when is_available then {{ percentage('numerator', 'denominator') }} end as value,
    case
        when is_available then null
        when availability = 'snapshot'
            then 'The snapshot needs the care-leaver contact history of a Mosaic extract; SSDA903 returns do not hold it.'
        else 'From SSDA903 returns the care-leaver (OC3) figures exist only at 31 March of a collection year whose OC3 file was supplied.'
    end as note
from measures
