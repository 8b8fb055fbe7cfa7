-- Placement stability indicators at each date P (indicators.md "Placement stability"), from
-- int_indicators__placement_stability. placements_3plus_pct: denominator = children looked
-- after at P, numerator = those with 3 or more placements during W. long_term_stability_pct:
-- denominator = those under 16 at P whose period of care started on or before P - 30
-- months, numerator = those of them with a stable stretch (started on or before P - 24
-- months, with the placed-for-adoption clause). Value = 100 * numerator / denominator,
-- null when the denominator is 0.
with dates as (
    select period_end from {{ ref('int_indicators__dates') }}
),

children as (
    select
        period_end,
        count(*) as looked_after,
        count(*) filter (where has_3plus_placements) as with_3plus,
        count(*) filter (where in_long_term_cohort) as long_term_cohort,
        count(*) filter (where is_long_term_stable) as long_term_stable
    from {{ ref('int_indicators__placement_stability') }}
    group by period_end
),

measures as (
    select
        d.period_end,
        'placements_3plus_pct' as indicator_id,
        coalesce(c.with_3plus, 0) as numerator,
        coalesce(c.looked_after, 0) as denominator
    from dates as d
    left join children as c on c.period_end = d.period_end
    union all
    select
        d.period_end,
        'long_term_stability_pct' as indicator_id,
        coalesce(c.long_term_stable, 0) as numerator,
        coalesce(c.long_term_cohort, 0) as denominator
    from dates as d
    left join children as c on c.period_end = d.period_end
)

select
    indicator_id,
    period_end,
    numerator,
    denominator,
    {{ percentage('numerator', 'denominator') }} as value,
    cast(null as varchar) as note
from measures
