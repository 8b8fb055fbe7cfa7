-- Every date the indicators are computed for: the reporting dates (int_reporting_periods)
-- and, for each, the previous quarter (P - 3 months) and a year ago (P - 12 months), which
-- indicator_report compares with; a month end stays a month end (30 June - 3 months = 31
-- March; 29 February 2024 - 12 months = 28 February 2023). Comparison-only dates are
-- published too (is_reporting_period false) so every figure the report shows can be traced,
-- and suppressed, from its own numerator and denominator. Windows as int_reporting_periods:
-- window_start = (P - 12 months, clamped to month end) + 1 day; ytd_start = 1 April of the
-- financial year containing P.
with reporting as (
    select period_end from {{ ref('int_reporting_periods') }}
),

shifts as (
    select * from (values (0), (-3), (-12)) as s (months)
),

candidates as (
    select
        case
            when r.period_end = last_day(r.period_end)
                then last_day({{ add_months('r.period_end', 's.months') }})
            else {{ add_months('r.period_end', 's.months') }}
        end as period_end,
        s.months = 0 as is_reporting_period
    from reporting as r
    cross join shifts as s
),

dates as (
    select period_end, bool_or(is_reporting_period) as is_reporting_period
    from candidates
    group by period_end
),

compared as (
    select
        d.period_end,
        s.months,
        case
            when d.period_end = last_day(d.period_end)
                then last_day({{ add_months('d.period_end', 's.months') }})
            else {{ add_months('d.period_end', 's.months') }}
        end as compared_end
    from dates as d
    cross join shifts as s
),

comparisons as (
    select
        period_end,
        max(case when months = -3 then compared_end end) as previous_period_end,
        max(case when months = -12 then compared_end end) as year_ago_period_end
    from compared
    group by period_end
)

select
    d.period_end,
    {{ add_months('d.period_end', -12) }} + 1 as window_start,
    make_date(
        cast(year(d.period_end) - case when month(d.period_end) < 4 then 1 else 0 end as integer),
        4,
        1
    ) as ytd_start,
    month(d.period_end) = 3 and day(d.period_end) = 31 as is_year_end,
    cast(year(d.period_end) + case when month(d.period_end) >= 4 then 1 else 0 end as integer)
        as collection_year,
    d.is_reporting_period,
    c.previous_period_end,
    c.year_ago_period_end
from dates as d
inner join comparisons as c on c.period_end = d.period_end
