-- Health indicators of the OC2 cohort at each date P (indicators.md "Health"), from
-- int_oc2_flags (cohort from the episodes; flags from Mosaic health events, or from the OC2
-- return of the collection year ending at P, a cohort child without an OC2 row counting as
-- "no"). Denominator of health_assessment_pct, dental_check_pct, immunisations_pct: the
-- cohort; numerator: flag = 1. sdq_completed_pct: of the cohort aged 4 or over at W.start
-- and under 17 at P, those with a score. sdq_average_score: numerator = sum of the scores of
-- those children, denominator = number of scores, value = the mean (not a percentage).
-- From an SSDA903 source the figures exist only at 31 March of a collection year whose OC2
-- rows were supplied; at any other date every health value is null with a note.
{%- set source_system = var('source_system') %}
{%- set measures = [
    ('health_assessment_pct', 'health_assessment', 'cohort'),
    ('dental_check_pct', 'dental_check', 'cohort'),
    ('immunisations_pct', 'immunisations', 'cohort'),
    ('sdq_completed_pct', 'sdq_scores', 'sdq_cohort'),
    ('sdq_average_score', 'sdq_score_sum', 'sdq_scores'),
] %}

with dates as (
    select period_end, is_year_end, collection_year from {{ ref('int_indicators__dates') }}
),

oc2_years as (
    select distinct YEAR from {{ ref('ssda903_oc2') }}
),

available as (
    select
        d.period_end,
        '{{ source_system }}' = 'mosaic'
        or (d.is_year_end and d.collection_year in (select YEAR from oc2_years)) as is_available
    from dates as d
),

cohort as (
    select
        period_end,
        count(*) as cohort,
        count(*) filter (where HEALTH_ASSESSMENT = 1) as health_assessment,
        count(*) filter (where TEETH_CHECK = 1) as dental_check,
        count(*) filter (where IMMUNISATIONS = 1) as immunisations,
        count(*) filter (where sdq_eligible) as sdq_cohort,
        count(*) filter (where sdq_eligible and SDQ_SCORE is not null) as sdq_scores,
        coalesce(sum(SDQ_SCORE) filter (where sdq_eligible), 0) as sdq_score_sum
    from {{ ref('int_oc2_flags') }}
    group by period_end
),

measures as (
    {%- for indicator_id, numerator, denominator in measures %}
    select
        a.period_end,
        a.is_available,
        '{{ indicator_id }}' as indicator_id,
        coalesce(c.{{ numerator }}, 0) as numerator,
        coalesce(c.{{ denominator }}, 0) as denominator
    from available as a
    left join cohort as c on c.period_end = a.period_end
    {{ "union all" if not loop.last }}
    {%- endfor %}
)

select
    indicator_id,
    period_end,
    cast(case when is_available then numerator end as bigint) as numerator,
    cast(case when is_available then denominator end as bigint) as denominator,
    case
        when not is_available or denominator = 0 then null
        when indicator_id = 'sdq_average_score' then 1.0 * numerator / denominator
        else {{ percentage('numerator', 'denominator') }}
    end as value,
    case
        when not is_available
            then 'From SSDA903 returns the health (OC2) figures exist only at 31 March of a collection year whose OC2 file was supplied.'
    end as note
from measures
