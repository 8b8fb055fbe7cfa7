-- DfE d3 "second or subsequent child protection plans": plans started in the year, and
-- those that were the child's second or subsequent plan (count and % of plans started), in
-- the comparators' long shape.
with source as (
    select
        {{ dfe_geography_columns() }},
        {{ clean_text('category') }} as category,
        cpp_start,
        cpp_subsequent,
        cpp_subsequent_percent
    from {{ source('dfe', 'd3_cpps_subsequent_plan') }}
)

select
    s.release, s.source_file, s.row_number, s.time_period, s.time_identifier,
    s.geographic_level, s.country_code, s.country_name, s.region_code, s.region_name,
    s.old_la_code, s.la_name, s.new_la_code, s.category,
    'both' as naming_convention,
    m.measure,
    {{ dfe_number('m.count_text') }} as count_value,
    {{ dfe_number('m.percent_text') }} as percent_value
from source as s
cross join lateral (
    values
        ('cpp_start', s.cpp_start, cast(null as varchar)),
        ('cpp_subsequent', s.cpp_subsequent, s.cpp_subsequent_percent)
) as m (measure, count_text, percent_text)
