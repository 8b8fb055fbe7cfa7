-- uasc_pct at each date P (indicators.md "Characteristics"): denominator = children looked
-- after at P, numerator = those UASC at P (in ssda903_uasc, DUC null or after P); value =
-- 100 * numerator / denominator, null when nobody is looked after.
with dates as (
    select period_end from {{ ref('int_indicators__dates') }}
),

children as (
    select
        period_end,
        count(*) as looked_after,
        count(*) filter (where is_uasc) as uasc
    from {{ ref('int_indicators__children_at_period') }}
    group by period_end
)

select
    'uasc_pct' as indicator_id,
    d.period_end,
    coalesce(c.uasc, 0) as numerator,
    coalesce(c.looked_after, 0) as denominator,
    {{ percentage('c.uasc', 'c.looked_after') }} as value,
    cast(null as varchar) as note
from dates as d
left join children as c on c.period_end = d.period_end
