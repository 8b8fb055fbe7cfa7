-- Placement distance and location indicators at each date P (indicators.md "Placement
-- distance and location"), from int_indicators__placement_locations. Denominator of both
-- percentages: children looked after at P (an unknown distance or location stays in it).
-- placed_over_20_miles_pct: numerator = distance known and > 20.0 miles.
-- placed_outside_la_pct: numerator = location outside_la (not_known is not outside); null
-- with a note when the reporting LA's ONS code is not known. distance_unknown: a count
-- (value = numerator, denominator null) of children whose distance is unknown.
with dates as (
    select period_end from {{ ref('int_indicators__dates') }}
),

reporting_la as (
    select nullif(trim(new_la_code), '') as la_code
    from {{ ref('int_comparators__reporting_la') }}
),

children as (
    select
        period_end,
        count(*) as looked_after,
        count(*) filter (where is_over_20_miles) as over_20_miles,
        count(*) filter (where location = 'outside_la') as outside_la,
        count(*) filter (where not distance_known) as distance_unknown
    from {{ ref('int_indicators__placement_locations') }}
    group by period_end
),

counted as (
    select
        d.period_end,
        coalesce(c.looked_after, 0) as looked_after,
        coalesce(c.over_20_miles, 0) as over_20_miles,
        coalesce(c.outside_la, 0) as outside_la,
        coalesce(c.distance_unknown, 0) as distance_unknown,
        (select max(la_code) from reporting_la) is not null as la_code_known
    from dates as d
    left join children as c on c.period_end = d.period_end
)

select
    'placed_over_20_miles_pct' as indicator_id,
    period_end,
    over_20_miles as numerator,
    looked_after as denominator,
    {{ percentage('over_20_miles', 'looked_after') }} as value,
    cast(null as varchar) as note
from counted

union all

select
    'placed_outside_la_pct' as indicator_id,
    period_end,
    case when la_code_known then outside_la end as numerator,
    case when la_code_known then looked_after end as denominator,
    case when la_code_known then {{ percentage('outside_la', 'looked_after') }} end as value,
    case
        when not la_code_known
            then 'The reporting LA''s ONS code is not known: la_code is not in the local authority reference (dbt/seeds/reference/local_authorities.csv).'
    end as note
from counted

union all

select
    'distance_unknown' as indicator_id,
    period_end,
    distance_unknown as numerator,
    cast(null as bigint) as denominator,
    cast(distance_unknown as double) as value,
    cast(null as varchar) as note
from counted
