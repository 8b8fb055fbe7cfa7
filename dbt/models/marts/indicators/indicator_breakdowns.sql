-- One row per breakdown indicator, date (as indicator_values) and category of the seed
-- indicator_breakdown_categories, count 0 included, so every breakdown has the same shape
-- at every date. count = children in the category (int_indicators__child_categories,
-- int_indicators__cin_categories, int_indicators__out_of_borough_categories); total =
-- children in the breakdown (cla_at_period_end for cla_by_*, cla_ceased for
-- cla_ceased_reason, cpp_at_period_end for cpp_by_*); percent = 100 * count / total,
-- unrounded, null when total is 0.
with categories as (
    select indicator_id, category, label, display_order
    from {{ ref('indicator_breakdown_categories') }}
),

dates as (
    select period_end, is_reporting_period from {{ ref('int_indicators__dates') }}
),

children as (
    {%- for model in [
        'int_indicators__child_categories',
        'int_indicators__cin_categories',
        'int_indicators__out_of_borough_categories',
    ] %}
    select indicator_id, period_end, category
    from {{ ref(model) }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

counts as (
    select indicator_id, period_end, category, count(*) as n
    from children
    group by indicator_id, period_end, category
),

totals as (
    select indicator_id, period_end, count(*) as n
    from children
    group by indicator_id, period_end
)

select
    c.indicator_id,
    d.period_end,
    c.category,
    cast(coalesce(n.n, 0) as bigint) as count,
    cast(
        {{ percentage('coalesce(n.n, 0)', 't.n') }} as double
    ) as percent,
    cast(coalesce(t.n, 0) as bigint) as total,
    c.label,
    c.display_order,
    d.is_reporting_period
from categories as c
cross join dates as d
left join counts as n
    on n.indicator_id = c.indicator_id and n.period_end = d.period_end and n.category = c.category
left join totals as t on t.indicator_id = c.indicator_id and t.period_end = d.period_end
