-- DfE b1 "children in need": one row per source row and measure, in the long shape the
-- comparator models read (group = the file's category label, item = the measure's column
-- name as DfE publishes it, lower-cased). Episodes at 31 March, at any point, started and
-- ended in the year; up to the 2024 release also the rate of episodes at 31 March per
-- 10,000 children aged 0-17 (the 2025 release dropped the rates: no rate row from it, so
-- an earlier release's rates are not hidden by a column that no longer exists).
with source as (
    select
        {{ dfe_geography_columns() }},
        case when at31_episodes_rate is not null then 'to_2024' else '2025' end
            as naming_convention,
        {{ clean_text('category') }} as category,
        at31_episodes,
        at31_episodes_rate,
        anypoint_episodes,
        started_episodes,
        ended_episodes
    from {{ source('dfe', 'b1_children_in_need') }}
)

select
    s.release, s.source_file, s.row_number, s.time_period, s.time_identifier,
    s.geographic_level, s.country_code, s.country_name, s.region_code, s.region_name,
    s.old_la_code, s.la_name, s.new_la_code, s.category, s.naming_convention,
    m.measure,
    {{ dfe_number('m.count_text') }} as count_value,
    {{ dfe_number('m.rate_text') }} as rate_value
from source as s
cross join lateral (
    values
        ('at31_episodes', s.at31_episodes, cast(null as varchar)),
        ('at31_episodes_rate', cast(null as varchar), s.at31_episodes_rate),
        ('anypoint_episodes', s.anypoint_episodes, cast(null as varchar)),
        ('started_episodes', s.started_episodes, cast(null as varchar)),
        ('ended_episodes', s.ended_episodes, cast(null as varchar))
) as m (measure, count_text, rate_text)
where m.measure <> 'at31_episodes_rate' or s.naming_convention = 'to_2024'
