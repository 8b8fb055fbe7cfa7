{#- Data tests of the DfE comparator models. -#}

{#- Every label of a DfE file must be placeable through seeds/comparators/dfe_labels.csv.
    Fails the build with a message naming each file and label (DuckDB `error()`), so a
    person reading the run log sees what to add to the seed without opening the warehouse.
    Items are not checked under a group matched only by the wildcard "*" (file kinds with
    dozens of breakdowns we draw no comparator from). -#}
{% test dfe_labels_recognised(model) %}
with unplaced as (
    select
        source_file,
        case when group_key is null then 'group' else 'item' end as label_role,
        coalesce(case when group_key is null then group_label else item_label end, '(blank)')
            as label,
        min(row_number) as first_row,
        count(*) as n_rows
    from {{ model }}
    where group_key is null
       or (item_label is not null and item_key is null and not group_is_wildcard)
    group by all
),

summary as (
    select
        count(*) as n_labels,
        string_agg(
            label_role || ' label "' || label || '" in ' || source_file
                || ' (first at data row ' || first_row || ', ' || n_rows || ' row(s))',
            '; ' order by source_file, label_role, label
        ) as detail
    from unplaced
)

select detail
from summary
where n_labels > 0
  and error(
      'DfE label(s) not recognised - add them to dbt/seeds/comparators/dfe_labels.csv: '
      || detail
  ) is null
{% endtest %}

{#- Values that are neither numbers nor a known suppression symbol, one row per file, row
    and field, so they can be found and fixed at source. On a raw source: `columns` are the
    measure columns of both naming conventions. -#}
{% test dfe_values_readable(model, columns) %}
{% for column in columns %}
select _source_file as source_file, _row_number as row_number, '{{ column }}' as field,
       {{ column }} as value
from {{ model }}
where {{ dfe_unreadable_number(column) }}
{% if not loop.last %}union all{% endif %}
{% endfor %}
{% endtest %}

{#- No two rows share the given columns. -#}
{% test dfe_unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
