-- Every value indicator of the catalogue (seed indicator_catalogue, kind value) at every date
-- of int_indicators__dates, computed from its members (int_indicators__members), so a figure
-- and the children it counts can never disagree: numerator = the sum of the members'
-- numerator contributions; denominator = the sum of their denominator contributions
-- (percentages and the SDQ score), null for counts, and for cla_rate_per_10k the LA's
-- population aged 0-17 of the calendar year in which W starts, else the latest earlier
-- estimate (int_comparators__reporting_la_population). value: count = numerator;
-- percent = 100 * numerator / denominator, unrounded; rate = 10000 * numerator / population;
-- score = numerator / denominator (the mean SDQ score). Where an indicator cannot be computed
-- at a date (macro indicator_computable) numerator, denominator and value are null with a
-- note; a denominator of 0 gives a null value with a note. dq_affected: members with an
-- unresolved record error (has_record_error): children in the denominator, or counted for a
-- count, or for the rate the children looked after; 0 when none (never null). dq_members: the
-- members (children) of the figure; dq_affected_share = dq_affected / dq_members (the share
-- the quality gate compares with max_affected_share), null without members.
with catalogue as (
    select indicator_id, unit
    from {{ ref('indicator_catalogue') }}
    where kind = 'value'
),

dates as (
    select period_end, window_start, ytd_start, is_reporting_period
    from {{ ref('int_indicators__dates') }}
),

computable as (
    {{ indicator_computable() }}
    union all
    {{ cin_indicator_computable() }}
),

members as (
    select
        indicator_id,
        period_end,
        sum(numerator_contribution) as numerator,
        sum(denominator_contribution) as denominator,
        count(*) filter (where has_record_error) as dq_affected,
        count(*) as dq_members
    from {{ ref('int_indicators__members') }}
    group by indicator_id, period_end
),

population as (
    select
        d.period_end,
        p.population_0_17
    from dates as d
    inner join {{ ref('int_comparators__reporting_la_population') }} as p
        on
            year(d.window_start) >= p.calendar_year
            and (p.next_calendar_year is null or year(d.window_start) < p.next_calendar_year)
),

figures as (
    select
        k.indicator_id,
        d.period_end,
        k.unit,
        d.is_reporting_period,
        d.window_start,
        d.ytd_start,
        c.is_computable,
        c.note_when_not,
        case when c.is_computable then coalesce(m.numerator, 0) end as numerator,
        case
            when c.is_computable is not true or k.unit = 'count' then null
            when k.unit = 'rate' then p.population_0_17
            else coalesce(m.denominator, 0)
        end as denominator,
        coalesce(m.dq_affected, 0) as dq_affected,
        coalesce(m.dq_members, 0) as dq_members
    from catalogue as k
    cross join dates as d
    left join computable as c on c.indicator_id = k.indicator_id and c.period_end = d.period_end
    left join members as m on m.indicator_id = k.indicator_id and m.period_end = d.period_end
    left join population as p on p.period_end = d.period_end
)

select
    indicator_id,
    period_end,
    cast(numerator as bigint) as numerator,
    cast(denominator as bigint) as denominator,
    cast(
        case
            when unit = 'count' then numerator
            when unit = 'rate' and denominator > 0 then 10000.0 * numerator / denominator
            when unit = 'score' and denominator > 0 then 1.0 * numerator / denominator
            when unit = 'percent' then {{ percentage('numerator', 'denominator') }}
        end as double
    ) as value,
    case
        when is_computable is null then 'Not computed for this date.'
        when not is_computable then note_when_not
        when unit = 'rate' and denominator is null
            then 'No population estimate aged 0-17 for the reporting LA for the year the 12-month window starts or earlier: land the ONS mid-year estimates or the DfE CLA rate file.'
        when unit <> 'count' and denominator = 0
            then 'No one in the denominator at this date, so no value.'
    end as note,
    unit,
    is_reporting_period,
    window_start,
    ytd_start,
    cast(dq_affected as bigint) as dq_affected,
    cast(dq_members as bigint) as dq_members,
    case when dq_members > 0 then 1.0 * dq_affected / dq_members end as dq_affected_share
from figures
