-- OC3 cohort and care-leaver statuses at each reporting date (indicators.md "Care leavers"
-- and "Resolved details"). Dates as int_oc2_flags. Cohort for P, from the non-short-break
-- episodes: a 17th-21st birthday b in W (clamped month arithmetic); at least 91 days looked
-- after between the 14th birthday and b (episodes as [DECOM, DEC)); the latest DEC on or
-- before b is on or after the 16th birthday; no episode covers b (care ending on b itself
-- counts as left). Statuses from Mosaic: the care-leaver contact nearest b within
-- [b - 3 months, b + 1 month], equal distance -> the later contact (same day -> the later
-- file row). From SSDA903: that collection year's OC3 row. No contact / no OC3 row:
-- statuses null and has_status false (the young person counts in denominators only).
with dates as (
    select period_end, window_start
    from {{ ref('int_indicators__dates') }}
    where '{{ var("source_system") }}' = 'mosaic'
    union
    select year_end as period_end, year_start as window_start
    from {{ ref('int_collection_years') }}
),

people as (
    select CHILD, DOB
    from {{ ref('ssda903_header') }}
    where DOB is not null
),

birthdays as (
    select
        d.period_end,
        d.window_start,
        p.CHILD,
        p.DOB,
        cast(k.age as integer) as birthday_age,
        {{ birthday('p.DOB', 'k.age') }} as birthday
    from dates as d
    cross join people as p
    cross join range(17, 22) as k (age)
    where {{ birthday('p.DOB', 'k.age') }} between d.window_start and d.period_end
),

care as (
    {{ care_since_14('birthdays', 'birthday') }}
),

cohort as (
    select
        b.*,
        c.days_looked_after_since_14,
        c.last_care_end
    from birthdays as b
    inner join care as c on c.CHILD = b.CHILD and c.period_end = b.period_end
    where {{ is_former_relevant('c', 'b') }}
),

nearest_contacts as (
    select
        c.CHILD,
        c.period_end,
        k.in_touch,
        k.activity,
        k.accommodation
    from cohort as c
    inner join {{ ref('stg_mosaic__care_leaver_contacts') }} as k
        on
            k.person_id = c.CHILD
            and k.contact_date between {{ add_months('c.birthday', -3) }}
            and {{ add_months('c.birthday', 1) }}
    qualify row_number() over (
        partition by c.CHILD, c.period_end
        order by abs(k.contact_date - c.birthday), k.contact_date desc, k._source_file desc,
            k._row_number desc
    ) = 1
),

oc3_rows as (
    select * from {{ ref('int_ssda903__oc3') }}
),

statuses as (
    select
        c.*,
        case when '{{ var("source_system") }}' = 'mosaic' then n.in_touch else o.IN_TOUCH end
            as IN_TOUCH,
        case when '{{ var("source_system") }}' = 'mosaic' then n.activity else o.ACTIV end
            as ACTIV,
        case when '{{ var("source_system") }}' = 'mosaic' then n.accommodation else o.ACCOM end
            as ACCOM,
        case
            when '{{ var("source_system") }}' = 'mosaic' then n.CHILD is not null
            else o.CHILD is not null
        end as has_status
    from cohort as c
    left join nearest_contacts as n on n.CHILD = c.CHILD and n.period_end = c.period_end
    left join oc3_rows as o on o.CHILD = c.CHILD and o.YEAR = year(c.period_end)
)

select
    CHILD,
    period_end,
    window_start,
    DOB,
    birthday,
    birthday_age,
    case when birthday_age <= 18 then '17_18' else '19_21' end as age_group,
    days_looked_after_since_14,
    last_care_end,
    IN_TOUCH,
    ACTIV,
    ACCOM,
    has_status,
    '{{ var("source_system") }}' as source_system
from statuses
