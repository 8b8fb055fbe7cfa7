-- One row per DfE release present (a subfolder or zip of the dfe landing folder; loose
-- top-level files form the release "(top level)"), ranked for the rule "for the same
-- measure, geography and year the latest release wins" (spec/inputs.md §3). The latest
-- release is the one whose files reach the latest time_period; between releases reaching
-- the same year, the one whose folder or zip name sorts last wins (name a revised release so
-- it sorts after the original, e.g. "..._revised").
with per_release as (
    select
        release,
        max(time_period) as latest_time_period,
        min(time_period) as earliest_time_period,
        count(distinct source_file) as files,
        count(*) as rows
    from {{ ref('int_comparators__dfe_values') }}
    group by release
)

select
    release,
    latest_time_period,
    earliest_time_period,
    files,
    rows,
    cast(row_number() over (
        order by latest_time_period desc nulls last, release desc
    ) as integer) as release_rank
from per_release
