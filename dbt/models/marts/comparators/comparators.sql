-- DfE comparators of the reporting LA (outputs.md): per indicator and published year, the
-- LA's own published value (`la`), its statistical neighbours' unweighted mean (`sn_average`)
-- and median (`sn_median`) over the neighbours with a published value (`sn_count` of them),
-- its region (`region`) and England (`england`). Values as DfE published them (percentages
-- and rates rounded to whole numbers by DfE); the SN average and median are not rounded.
-- Suppressed figures are null, never zero, and a neighbour without a value is left out of
-- the mean and median, not counted as zero.
with reporting_la as (
    select * from {{ ref('int_comparators__reporting_la') }}
),

neighbours as (
    select * from {{ ref('int_comparators__statistical_neighbours') }}
),

published as (
    select * from {{ ref('int_comparators__indicator_values') }}
),

la_values as (
    select published.*
    from published
    inner join reporting_la
        on published.geographic_level = 'local_authority'
        and (
            published.old_la_code = reporting_la.old_la_code
            or published.new_la_code = reporting_la.new_la_code
        )
),

england_values as (
    select *
    from published
    where geographic_level = 'national' and geography_code = 'E92000001'
),

region_values as (
    select published.*
    from published
    inner join reporting_la
        on published.geographic_level = 'regional'
        and published.region_code = reporting_la.region_code
),

neighbour_values as (
    select published.*
    from published
    inner join neighbours
        on published.geographic_level = 'local_authority'
        and published.geography_code = neighbours.neighbour_old_la_code
),

spine as (
    select indicator_id, time_period from la_values
    union
    select indicator_id, time_period from england_values
    union
    select indicator_id, time_period from region_values
    union
    select indicator_id, time_period from neighbour_values
),

neighbour_summary as (
    select
        spine.indicator_id,
        spine.time_period,
        -- decimal arithmetic: the mean of 14.1 and 14.2 is 14.15, not 14.149999999999999
        cast(avg(cast(neighbour_values.value as decimal(18, 4))) as double) as sn_average,
        cast(median(cast(neighbour_values.value as decimal(18, 4))) as double) as sn_median,
        count(neighbour_values.value) as sn_count
    from spine
    left join neighbour_values
        on spine.indicator_id = neighbour_values.indicator_id
        and spine.time_period = neighbour_values.time_period
    where exists (select 1 from neighbours)
    group by spine.indicator_id, spine.time_period
),

sn_label as (
    select
        'Statistical neighbours of ' || coalesce(max(reporting_la.la_name), max(reporting_la.la_code_given))
            || ' (' || count(*) || ')' as geography_name
    from neighbours
    cross join reporting_la
),

unioned as (
    select
        indicator_id, time_period, 'la' as geography, value, null as sn_count,
        new_la_code as geography_code, la_name as geography_name, release
    from la_values

    union all

    select
        indicator_id, time_period, 'sn_average' as geography, sn_average as value, sn_count,
        null as geography_code, (select geography_name from sn_label) as geography_name,
        null as release
    from neighbour_summary

    union all

    select
        indicator_id, time_period, 'sn_median' as geography, sn_median as value, sn_count,
        null as geography_code, (select geography_name from sn_label) as geography_name,
        null as release
    from neighbour_summary

    union all

    select
        indicator_id, time_period, 'region' as geography, value, null as sn_count,
        region_code as geography_code, region_name as geography_name, release
    from region_values

    union all

    select
        indicator_id, time_period, 'england' as geography, value, null as sn_count,
        'E92000001' as geography_code, 'England' as geography_name, release
    from england_values
)

select
    cast(indicator_id as varchar) as indicator_id,
    cast(time_period as integer) as time_period,
    cast(geography as varchar) as geography,
    cast(value as double) as value,
    cast(sn_count as integer) as sn_count,
    cast(geography_code as varchar) as geography_code,
    cast(geography_name as varchar) as geography_name,
    cast(release as varchar) as release
from unioned
order by indicator_id, time_period, geography
