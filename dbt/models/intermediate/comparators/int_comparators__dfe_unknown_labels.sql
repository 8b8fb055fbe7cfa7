-- DfE labels the seed dfe_labels cannot place, one row per file and label, with how many
-- rows carry it: those rows are skipped (no comparator reads them) and the quality gate
-- reports each line as a warning finding naming file, label and row count
-- (dagster_project/quality/gate.py, check dfe_labels). An item label is reported only
-- under a group the seed knows, and not under a group matched only by the wildcard "*".
select
    file_kind,
    release,
    source_file,
    case when group_key is null then 'group' else 'item' end as label_role,
    coalesce(case when group_key is null then group_label else item_label end, '(blank)')
        as label,
    case when group_key is not null then group_label end as under_group,
    cast(min(row_number) as bigint) as first_row,
    cast(count(*) as bigint) as n_rows,
    cast(min(time_period) as integer) as first_time_period,
    cast(max(time_period) as integer) as last_time_period
from {{ ref('int_comparators__dfe_values') }}
where not label_placed
group by all
