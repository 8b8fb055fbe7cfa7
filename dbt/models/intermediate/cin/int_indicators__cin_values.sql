-- The children in need and child protection value indicators (macro cin_indicator_measures)
-- at every date of int_indicators__dates, in the shape indicator_values unions: numerator
-- = the sum of the members' numerator contributions (int_indicators__cin_members);
-- denominator = the sum of their denominator contributions for percentages, null for
-- counts, and for the two rates the LA's population aged 0-17 of the calendar year in which
-- W starts, else the latest earlier estimate (as cla_rate_per_10k). value: count =
-- numerator; percent = 100 * numerator / denominator, unrounded (null on a zero
-- denominator); rate = 10000 * numerator / population. Where the CIN data cannot support
-- a figure (macro cin_indicator_computable: a Mosaic file absent, a census year not landed)
-- numerator, denominator and value are null with a note.
with computable as (
    {{ cin_indicator_computable() }}
),

catalogue as (
    select indicator_id, unit from {{ ref('indicator_catalogue') }}
),

dates as (
    select period_end, window_start from {{ ref('int_indicators__dates') }}
),

members as (
    select
        indicator_id,
        period_end,
        sum(numerator_contribution) as numerator,
        sum(denominator_contribution) as denominator
    from {{ ref('int_indicators__cin_members') }}
    group by indicator_id, period_end
),

population as (
    select d.period_end, p.population_0_17
    from dates as d
    inner join {{ ref('int_comparators__reporting_la_population') }} as p
        on
            year(d.window_start) >= p.calendar_year
            and (p.next_calendar_year is null or year(d.window_start) < p.next_calendar_year)
),

figures as (
    select
        c.indicator_id,
        c.period_end,
        k.unit,
        c.is_computable,
        c.note_when_not,
        case when c.is_computable then coalesce(m.numerator, 0) end as numerator,
        case
            when not c.is_computable or k.unit = 'count' then null
            when k.unit = 'rate' then p.population_0_17
            else coalesce(m.denominator, 0)
        end as denominator
    from computable as c
    inner join catalogue as k on k.indicator_id = c.indicator_id
    left join members as m on m.indicator_id = c.indicator_id and m.period_end = c.period_end
    left join population as p on p.period_end = c.period_end
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
            when unit = 'percent' then {{ percentage('numerator', 'denominator') }}
        end as double
    ) as value,
    case
        when not is_computable then note_when_not
        when unit = 'rate' and denominator is null
            then 'No population estimate aged 0-17 for the reporting LA for the year the 12-month window starts or earlier: land the ONS mid-year estimates or the DfE CLA rate file.'
        when unit <> 'count' and denominator = 0
            then 'No one in the denominator at this date, so no value.'
    end as note
from figures
