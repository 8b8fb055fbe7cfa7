-- What the Corporate Parenting Panel reads: one row per reporting date (int_reporting_periods)
-- and value indicator. value and dq_affected from int_indicators__values (published as
-- indicator_values); target, amber tolerance and polarity from config/targets.yaml
-- (int_indicators__targets); previous_value = value at the previous quarter (P - 3 months,
-- month end kept), year_ago_value = value at P - 12 months (both in indicator_values). RAG and
-- direction of travel compare values as the report shows them: rounded half up to the
-- catalogue's decimals (whole numbers for percentages and rates, one decimal for the SDQ
-- score). RAG: higher_is_better green when value >= target, amber when within amber_tolerance
-- below it, else red; lower_is_better the mirror; none when there is no target, no value or
-- the polarity is neutral. Comparators (int_comparators__reporting_la_comparators, published
-- as marts.comparators, through the catalogue's dfe_comparator_id): the latest DfE year
-- (time_period) whose 31 March is on or before P with a published England or statistical-
-- neighbour figure; sn_average and england of that year (null when DfE publishes no such
-- figure).
with catalogue as (
    select *
    from {{ ref('indicator_catalogue') }}
    where kind = 'value'
),

dates as (
    select period_end, previous_period_end, year_ago_period_end
    from {{ ref('int_indicators__dates') }}
    where is_reporting_period
),

indicator_values as (
    select indicator_id, period_end, numerator, denominator, value, note, dq_affected
    from {{ ref('int_indicators__values') }}
),

comparators as (
    select indicator_id, time_period, geography, value, sn_count
    from {{ ref('int_comparators__reporting_la_comparators') }}
),

comparator_years as (
    select
        c.indicator_id,
        d.period_end,
        max(k.time_period) as comparator_year
    from catalogue as c
    cross join dates as d
    inner join comparators as k
        on
            k.indicator_id = c.dfe_comparator_id
            and k.geography in ('england', 'sn_average')
            and k.value is not null
            and make_date(k.time_period, 3, 31) <= d.period_end
    group by c.indicator_id, d.period_end
),

rows as (
    select
        d.period_end,
        c.indicator_id,
        c.title,
        c.unit,
        c.decimals,
        c.headline,
        c.theme,
        c.display_order,
        c.dfe_comparator_id,
        t.polarity,
        v.value,
        v.numerator,
        v.denominator,
        v.note,
        v.dq_affected,
        t.target,
        t.amber_tolerance,
        t.target_source,
        d.previous_period_end,
        p.value as previous_value,
        d.year_ago_period_end,
        y.value as year_ago_value,
        power(10, c.decimals) as scale
    from catalogue as c
    cross join dates as d
    left join indicator_values as v
        on v.indicator_id = c.indicator_id and v.period_end = d.period_end
    left join indicator_values as p
        on p.indicator_id = c.indicator_id and p.period_end = d.previous_period_end
    left join indicator_values as y
        on y.indicator_id = c.indicator_id and y.period_end = d.year_ago_period_end
    left join {{ ref('int_indicators__targets') }} as t on t.indicator_id = c.indicator_id
),

shown as (
    select
        *,
        floor(value * scale + 0.5) / scale as shown_value,
        floor(previous_value * scale + 0.5) / scale as shown_previous_value
    from rows
)

select
    s.period_end,
    s.indicator_id,
    s.title,
    s.value,
    s.target,
    case
        when s.shown_value is null or s.target is null then 'none'
        when s.polarity = 'higher_is_better' then
            case
                when s.shown_value >= s.target then 'green'
                when s.shown_value >= s.target - s.amber_tolerance then 'amber'
                else 'red'
            end
        when s.polarity = 'lower_is_better' then
            case
                when s.shown_value <= s.target then 'green'
                when s.shown_value <= s.target + s.amber_tolerance then 'amber'
                else 'red'
            end
        else 'none'
    end as rag,
    s.previous_value,
    s.year_ago_value,
    sn.value as sn_average,
    en.value as england,
    s.unit,
    s.polarity,
    case
        when s.shown_value is null or s.shown_previous_value is null then null
        when s.shown_value > s.shown_previous_value then 'up'
        when s.shown_value < s.shown_previous_value then 'down'
        else 'no_change'
    end as direction_of_travel,
    case
        when s.shown_value is null or s.shown_previous_value is null then null
        when s.shown_value = s.shown_previous_value then 'no_change'
        when s.polarity = 'neutral' then 'not_assessed'
        when (s.shown_value > s.shown_previous_value) = (s.polarity = 'higher_is_better')
            then 'better'
        else 'worse'
    end as direction_assessment,
    s.previous_period_end,
    s.year_ago_period_end,
    s.numerator,
    s.denominator,
    s.note,
    s.amber_tolerance,
    s.target_source,
    y.comparator_year,
    sn.sn_count,
    s.headline,
    s.theme,
    s.display_order,
    s.dq_affected
from shown as s
left join comparator_years as y
    on y.indicator_id = s.indicator_id and y.period_end = s.period_end
left join comparators as sn
    on
        sn.indicator_id = s.dfe_comparator_id
        and sn.time_period = y.comparator_year
        and sn.geography = 'sn_average'
left join comparators as en
    on
        en.indicator_id = s.dfe_comparator_id
        and en.time_period = y.comparator_year
        and en.geography = 'england'
