-- The OC3 cohort with care-leaver statuses at each date (indicators.md "Care leavers" and
-- "Resolved details"), one row per cohort member and P: macro oc3_cohort over core
-- ssda903_episodes and ssda903_header (a 17th-21st birthday b in W; former relevant on b:
-- at least 91 days looked after between the 14th birthday and b, the latest DEC on or before
-- b on or after the 16th birthday, not looked after on b), the one definition the Mosaic
-- derivation and the quality rules use too. Dates: macro cohort_dates (as int_oc2_cohort).
-- Statuses: Mosaic - from int_mosaic__oc3 (the contact nearest b) at the same date;
-- SSDA903 - that collection year's OC3 row. No contact / no OC3 row: statuses null and
-- has_status false (the young person counts in denominators only).
with dates as (
    {{ cohort_dates() }}
),

cohort as (
    {{ oc3_cohort(ref('ssda903_episodes'), ref('ssda903_header'), 'dates') }}
),

mosaic_statuses as (
    select * from {{ ref('int_mosaic__oc3') }}
),

oc3_rows as (
    select * from {{ ref('int_ssda903__oc3') }}
)

select
    c.CHILD,
    c.period_end,
    c.window_start,
    c.DOB,
    c.birthday,
    c.birthday_age,
    c.age_group,
    c.days_looked_after_since_14,
    c.last_care_end,
    case when '{{ var("source_system") }}' = 'mosaic' then m.IN_TOUCH else o.IN_TOUCH end
        as IN_TOUCH,
    case when '{{ var("source_system") }}' = 'mosaic' then m.ACTIV else o.ACTIV end as ACTIV,
    case when '{{ var("source_system") }}' = 'mosaic' then m.ACCOM else o.ACCOM end as ACCOM,
    coalesce(
        case
            when '{{ var("source_system") }}' = 'mosaic' then m.has_status
            else o.CHILD is not null
        end,
        false
    ) as has_status,
    '{{ var("source_system") }}' as source_system
from cohort as c
left join mosaic_statuses as m on m.CHILD = c.CHILD and m.period_end = c.period_end
left join oc3_rows as o on o.CHILD = c.CHILD and o.YEAR = year(c.period_end)
