-- One row per value indicator of the catalogue (seed indicator_catalogue, kind value) and
-- date of int_indicators__dates: the reporting dates, and the previous-quarter and year-ago
-- dates indicator_report compares with (is_reporting_period false). Every indicator has a
-- row at every date; one that cannot be computed has a null value and a note. Counts:
-- value = numerator = the count, denominator null. Percentages: 100 * numerator /
-- denominator, unrounded; a denominator of 0 gives a null value (with a note). Rate:
-- numerator = children looked after, denominator = population 0-17. SDQ score: numerator =
-- sum of scores, denominator = number of scores.
with catalogue as (
    select indicator_id, unit, display_order
    from {{ ref('indicator_catalogue') }}
    where kind = 'value'
),

dates as (
    select period_end, window_start, ytd_start, is_reporting_period
    from {{ ref('int_indicators__dates') }}
),

computed as (
    {%- for model in [
        'int_indicators__activity_values',
        'int_indicators__characteristic_values',
        'int_indicators__stability_values',
        'int_indicators__location_values',
        'int_indicators__health_values',
        'int_indicators__missing_values',
        'int_indicators__care_leaver_values',
        'int_indicators__review_values',
    ] %}
    select indicator_id, period_end, numerator, denominator, value, note
    from {{ ref(model) }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
)

select
    c.indicator_id,
    d.period_end,
    cast(v.numerator as bigint) as numerator,
    cast(v.denominator as bigint) as denominator,
    cast(v.value as double) as value,
    coalesce(
        v.note,
        case
            when v.indicator_id is null then 'Not computed for this date.'
            when v.value is null and v.denominator = 0
                then 'No one in the denominator at this date, so no value.'
        end
    ) as note,
    c.unit,
    d.is_reporting_period,
    d.window_start,
    d.ytd_start
from catalogue as c
cross join dates as d
left join computed as v on v.indicator_id = c.indicator_id and v.period_end = d.period_end
