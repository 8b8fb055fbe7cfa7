-- Where children looked after at P are placed, for the Panel's out-of-borough section: the
-- breakdown category of each child looked after at P (int_indicators__placement_locations,
-- the episode covering P) for
--   cla_by_placement_area: inside_la (the placement's upper-tier authority is the
--     reporting LA); other_london_borough (another London borough, ONS code E09);
--     rest_of_england (any other English authority, E06/E07/E08/E10); outside_england
--     (Wales, Scotland, Northern Ireland); not_known (placement postcode blank or not in
--     the ONS Postcode Directory, or the reporting LA's ONS code not known);
--   cla_by_distance_band: distance from home to placement in miles as
--     placed_over_20_miles_pct measures it (rounded half up to one decimal):
--     up_to_5_miles (<= 5.0), 5_to_10_miles (<= 10.0), 10_to_20_miles (<= 20.0),
--     over_20_miles (> 20.0, the same children as placed_over_20_miles_pct's numerator),
--     not_known (either postcode unknown).
-- One row per child, P and breakdown; same columns as int_indicators__child_categories.
with located as (
    select * from {{ ref('int_indicators__placement_locations') }}
),

coded as (
    select
        CHILD,
        period_end,
        'cla_by_placement_area' as indicator_id,
        case
            when location = 'not_known' then 'not_known'
            when location = 'inside_la' then 'inside_la'
            when placement_upper_tier like 'E09%' then 'other_london_borough'
            when placement_upper_tier like 'E%' then 'rest_of_england'
            when placement_upper_tier is not null then 'outside_england'
        end as coded_category
    from located
    union all
    select
        CHILD,
        period_end,
        'cla_by_distance_band',
        case
            when distance_miles is null then 'not_known'
            when distance_miles <= 5.0 then 'up_to_5_miles'
            when distance_miles <= 10.0 then '5_to_10_miles'
            when distance_miles <= 20.0 then '10_to_20_miles'
            else 'over_20_miles'
        end
    from located
),

categories as (
    select indicator_id, category, is_default
    from {{ ref('indicator_breakdown_categories') }}
)

select
    a.CHILD,
    a.period_end,
    a.indicator_id,
    coalesce(known.category, fallback.category) as category
from coded as a
left join categories as known
    on known.indicator_id = a.indicator_id and known.category = a.coded_category
left join categories as fallback
    on fallback.indicator_id = a.indicator_id and fallback.is_default
