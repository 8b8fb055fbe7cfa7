-- The OC2 cohort with its health flags at each date (indicators.md "Health"), one row per
-- cohort child and P: macro oc2_cohort over core ssda903_episodes (DfE's "looked after
-- continuously for at least 12 months" at P), the one definition the Mosaic derivation and
-- the quality rules use too. Dates: macro cohort_dates (Mosaic: the
-- indicators' dates and each collection year's 31 March; SSDA903: each collection year's 31
-- March). Flags: Mosaic - from int_mosaic__oc2 (health events) at the same date; SSDA903 -
-- that collection year's OC2 row, value 1 = yes; a cohort child without an OC2 row has flags
-- 0 ("no") and has_oc2_record false. sdq_eligible: aged 4 or over at W.start and under 17
-- at P.
with dates as (
    {{ cohort_dates() }}
),

cohort as (
    {{ oc2_cohort(ref('ssda903_episodes'), 'dates') }}
),

mosaic_flags as (
    select * from {{ ref('int_mosaic__oc2') }}
),

oc2_rows as (
    select * from {{ ref('int_ssda903__oc2') }}
),

flagged as (
    select
        c.CHILD,
        c.period_end,
        c.window_start,
        h.DOB,
        case
            when '{{ var("source_system") }}' = 'mosaic' then coalesce(m.HEALTH_ASSESSMENT, 0)
            when o.HEALTH_ASSESSMENT = 1 then 1
            else 0
        end as HEALTH_ASSESSMENT,
        case
            when '{{ var("source_system") }}' = 'mosaic' then coalesce(m.TEETH_CHECK, 0)
            when o.TEETH_CHECK = 1 then 1
            else 0
        end as TEETH_CHECK,
        case
            when '{{ var("source_system") }}' = 'mosaic' then coalesce(m.IMMUNISATIONS, 0)
            when o.IMMUNISATIONS = 1 then 1
            else 0
        end as IMMUNISATIONS,
        case
            when '{{ var("source_system") }}' = 'mosaic' then m.SDQ_SCORE
            else o.SDQ_SCORE
        end as SDQ_SCORE,
        '{{ var("source_system") }}' = 'mosaic' or o.CHILD is not null as has_oc2_record
    from cohort as c
    left join {{ ref('ssda903_header') }} as h on h.CHILD = c.CHILD
    left join mosaic_flags as m on m.CHILD = c.CHILD and m.period_end = c.period_end
    left join oc2_rows as o on o.CHILD = c.CHILD and o.YEAR = year(c.period_end)
)

select
    CHILD,
    period_end,
    window_start,
    DOB,
    {{ age_at('DOB', 'window_start') }} as age_at_window_start,
    {{ age_at('DOB', 'period_end') }} as age_at_period_end,
    coalesce(
        {{ age_at('DOB', 'window_start') }} >= 4 and {{ age_at('DOB', 'period_end') }} < 17,
        false
    ) as sdq_eligible,
    HEALTH_ASSESSMENT,
    TEETH_CHECK,
    IMMUNISATIONS,
    SDQ_SCORE,
    has_oc2_record,
    '{{ var("source_system") }}' as source_system
from flagged
