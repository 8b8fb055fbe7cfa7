-- Distance from home and location of the placement of each child looked after at P
-- (indicators.md "Placement distance and location"), one row per child and P, from the
-- episode covering P (a temporary placement's postcode when the child is on one).
-- Postcodes match the ONS Postcode Directory (source reference.postcodes) ignoring spaces
-- and case. Miles = sqrt(dE^2 + dN^2) / 1000 / 1.6093 rounded half up to one decimal;
-- null (unknown) when either postcode is blank, not in the directory or has no grid
-- reference. Location: the placement postcode's district (laua) mapped to its upper-tier
-- authority (seed local_authorities: a district's county; unitary, metropolitan and London
-- codes are their own upper tier) against the reporting LA's ONS code
-- (int_comparators__reporting_la, resolved through the same seed, with or without DfE files):
-- inside_la / outside_la; not_known when the placement postcode is unknown or the
-- reporting LA's code is in neither the seed nor the landed DfE files.
with children as (
    select
        CHILD,
        period_end,
        {{ postcode_key('HOME_POST') }} as home_postcode,
        {{ postcode_key('PL_POST') }} as placement_postcode
    from {{ ref('int_indicators__children_at_period') }}
),

used as (
    select home_postcode as postcode from children
    union
    select placement_postcode from children
),

postcodes as (
    select p.postcode, p.easting, p.northing, p.laua
    from {{ source('reference', 'postcodes') }} as p
    inner join used as u on u.postcode = p.postcode
    qualify row_number() over (partition by p.postcode order by p.pcd) = 1
),

reporting_la as (
    select upper(trim(new_la_code)) as la_code
    from {{ ref('int_comparators__reporting_la') }}
),

located as (
    select
        c.CHILD,
        c.period_end,
        c.home_postcode,
        c.placement_postcode,
        h.postcode is not null and h.easting is not null and h.northing is not null
            as home_postcode_known,
        p.postcode is not null and p.easting is not null and p.northing is not null
            as placement_postcode_known,
        case
            when h.easting is not null and h.northing is not null
                and p.easting is not null and p.northing is not null
                then floor(
                    sqrt(power(p.easting - h.easting, 2) + power(p.northing - h.northing, 2))
                    / 1000 / 1.6093 * 10 + 0.5
                ) / 10
        end as distance_miles,
        p.laua as placement_laua,
        coalesce(u.upper_tier_code, p.laua) as placement_upper_tier
    from children as c
    left join postcodes as h on h.postcode = c.home_postcode
    left join postcodes as p on p.postcode = c.placement_postcode
    left join {{ ref('local_authorities') }} as u on u.la_code = p.laua
)

select
    l.*,
    r.la_code as reporting_la_code,
    l.distance_miles is not null as distance_known,
    coalesce(l.distance_miles > 20.0, false) as is_over_20_miles,
    case
        when l.placement_upper_tier is null or r.la_code is null then 'not_known'
        when l.placement_upper_tier = r.la_code then 'inside_la'
        else 'outside_la'
    end as location
from located as l
left join reporting_la as r on true
