-- DfE comparators of the reporting LA (outputs.md; published unchanged as marts.comparators):
-- per indicator and published year, the LA's own published value (`la`), its statistical
-- neighbours' unweighted mean (`sn_average`) and median (`sn_median`) over the neighbours with
-- a published value (`sn_count` of them), its region (`region`) and England (`england`).
-- Values as DfE published them (percentages and rates rounded to whole numbers by DfE); the SN
-- average and median are not rounded. Suppressed figures are null, never zero, and a neighbour
-- without a value is left out of the mean and median, not counted as zero. Where a DfE file
-- had rows whose labels the seed dfe_labels cannot place (skipped; a warning finding of the
-- quality gate), an indicator read from that file with no value for a year gets its rows all
-- the same, null, with a `note` naming the file and the labels.
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

measures as (
    select distinct indicator_id, file_kind from {{ ref('dfe_comparator_measures') }}
),

-- indicator and year whose file had rows skipped for an unrecognised label
unplaced as (
    select
        measures.indicator_id,
        cast(skipped.time_period as integer) as time_period,
        'DfE label(s) not recognised, rows skipped: '
            || string_agg(distinct skipped.source_file || ' ' || skipped.label, '; ')
            || ' (add them to dbt/seeds/comparators/dfe_labels.csv)' as note
    from (
        select
            file_kind,
            time_period,
            source_file,
            case
                when group_key is null then 'group "' || coalesce(group_label, '') || '"'
                else 'item "' || coalesce(item_label, '') || '"'
            end as label
        from {{ ref('int_comparators__dfe_values') }}
        where not label_placed and time_period is not null
    ) as skipped
    inner join measures on measures.file_kind = skipped.file_kind
    group by measures.indicator_id, skipped.time_period
),

spine as (
    select indicator_id, time_period from unplaced
    union
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
        null as geography_code, (select sn_label.geography_name from sn_label) as geography_name,
        null as release
    from neighbour_summary

    union all

    select
        indicator_id, time_period, 'sn_median' as geography, sn_median as value, sn_count,
        null as geography_code, (select sn_label.geography_name from sn_label) as geography_name,
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
),

-- rows an indicator would have had if its labels had been recognised
not_published as (
    select
        unplaced.indicator_id,
        unplaced.time_period,
        expected.geography,
        cast(null as double) as value,
        cast(null as integer) as sn_count,
        expected.geography_code,
        expected.geography_name,
        cast(null as varchar) as release
    from unplaced
    cross join (
        select 'la' as geography, new_la_code as geography_code, la_name as geography_name
        from reporting_la
        union all
        select 'region', region_code, region_name from reporting_la where region_code is not null
        union all
        select 'england', 'E92000001', 'England'
    ) as expected
    where not exists (
        select 1
        from unioned
        where unioned.indicator_id = unplaced.indicator_id
          and unioned.time_period = unplaced.time_period
          and unioned.geography = expected.geography
    )
),

final as (
    select *, false as filled from unioned
    union all
    select *, true as filled from not_published
)

select
    cast(final.indicator_id as varchar) as indicator_id,
    cast(final.time_period as integer) as time_period,
    cast(final.geography as varchar) as geography,
    cast(final.value as double) as value,
    cast(final.sn_count as integer) as sn_count,
    cast(final.geography_code as varchar) as geography_code,
    cast(final.geography_name as varchar) as geography_name,
    cast(final.release as varchar) as release,
    cast(
        case
            when final.filled or (final.geography like 'sn_%' and final.value is null)
                then unplaced.note
        end as varchar
    ) as note
from final
left join unplaced
    on unplaced.indicator_id = final.indicator_id
    and unplaced.time_period = final.time_period
order by final.indicator_id, final.time_period, final.geography
