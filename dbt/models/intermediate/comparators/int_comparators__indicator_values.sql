-- Published DfE values per indicator, geography and year, one release each: the seed
-- dfe_comparator_measures says which file, labels and column carry each indicator_id; for
-- the same indicator, geography and year the latest release wins (int_comparators__releases:
-- the release reaching the latest time_period, then the name sorting last). A value the
-- latest release suppressed stays null: it is not filled from an older release.
with measures as (
    select
        indicator_id,
        file_kind,
        group_key,
        nullif(trim(item_key), '') as item_key,
        value_column
    from {{ ref('dfe_comparator_measures') }}
),

matched as (
    select
        measures.indicator_id,
        values.time_period,
        values.geographic_level,
        values.geography_code,
        values.old_la_code,
        values.new_la_code,
        values.la_name,
        values.region_code,
        values.region_name,
        case measures.value_column
            when 'percent' then values.percent_value
            when 'count' then values.count_value
            when 'rate' then values.rate_value
        end as value,
        values.release,
        releases.release_rank,
        values.source_file,
        values.row_number
    from {{ ref('int_comparators__dfe_values') }} as values
    inner join measures
        on values.file_kind = measures.file_kind
        and values.group_key = measures.group_key
        and values.item_key is not distinct from measures.item_key
    inner join {{ ref('int_comparators__releases') }} as releases
        on values.release = releases.release
    where values.time_period is not null
      and values.geography_code is not null
      and values.label_placed
)

select
    indicator_id,
    cast(time_period as integer) as time_period,
    geographic_level,
    geography_code,
    old_la_code,
    new_la_code,
    la_name,
    region_code,
    region_name,
    value,
    release,
    source_file,
    row_number
from matched
qualify row_number() over (
    partition by indicator_id, geographic_level, geography_code, time_period
    order by release_rank asc, source_file desc, row_number asc
) = 1
