-- Children aged 0 to 17 per geography and calendar year (mid-year estimate). From the ONS
-- file (dfe/ons_mid-year_population_estimates_*.csv, `time_period` = calendar year of the
-- estimate); where it has no figure, from the `population_estimate` column of the DfE CLA
-- rate file, whose reporting year T carries the mid-(T-1) estimate (DfE divides the CLA on
-- 31 March T by the population of the calendar year in which the year to 31 March T
-- starts), latest release first. When several ONS files are landed, the one whose name
-- sorts last wins.
with ons as (
    select
        geographic_level,
        case geographic_level
            when 'national' then coalesce(country_code, 'E92000001')
            when 'regional' then region_code
            when 'local_authority' then coalesce(old_la_code, new_la_code)
        end as geography_code,
        old_la_code,
        new_la_code,
        la_name,
        calendar_year,
        population_estimate,
        'ons' as source,
        source_file
    from {{ ref('stg_dfe__population') }}
    where calendar_year is not null
      and population_estimate is not null
      and (age_group is null or {{ dfe_label_key('age_group') }} like '%0 to 17%')
    qualify row_number() over (
        partition by geography_code, calendar_year
        order by regexp_extract(source_file, '[^/]+$') desc, source_file desc, row_number asc
    ) = 1
),

rate_file as (
    select
        values.geographic_level,
        values.geography_code,
        values.old_la_code,
        values.new_la_code,
        values.la_name,
        values.time_period - 1 as calendar_year,
        values.population_estimate,
        'dfe_cla_rate_file' as source,
        values.source_file
    from {{ ref('int_comparators__dfe_values') }} as values
    inner join {{ ref('int_comparators__releases') }} as releases
        on values.release = releases.release
    where values.file_kind = 'cla_number_and_rate_per_10k_children'
      and values.population_estimate is not null
      and values.time_period is not null
    qualify row_number() over (
        partition by values.geography_code, values.time_period
        order by releases.release_rank asc,
                 (values.group_key = 'cla_on_31_march') desc,
                 values.source_file asc,
                 values.row_number asc
    ) = 1
)

select
    geographic_level,
    geography_code,
    old_la_code,
    new_la_code,
    la_name,
    cast(calendar_year as integer) as calendar_year,
    cast(round(population_estimate) as bigint) as population_0_17,
    source,
    source_file
from ons

union all

select
    rate_file.geographic_level,
    rate_file.geography_code,
    rate_file.old_la_code,
    rate_file.new_la_code,
    rate_file.la_name,
    cast(rate_file.calendar_year as integer) as calendar_year,
    cast(round(rate_file.population_estimate) as bigint) as population_0_17,
    rate_file.source,
    rate_file.source_file
from rate_file
where not exists (
    select 1
    from ons
    where ons.geography_code = rate_file.geography_code
      and ons.calendar_year = rate_file.calendar_year
)
