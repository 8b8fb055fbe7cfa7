{#- filled(model, columns): none of `columns` is blank (null) in any row of the model.

    One test per model where dbt's built-in not_null is one per column: every dbt test is a
    node of the nightly build and a Dagster asset check. Used on models with two or more
    such columns (78 not_null tests on 28 models became 28 of these; 14 single-column
    not_null tests stay); measured, about 2-3 s of CPU a run (docs/benchmarks.md). A failure
    returns one row per column with blanks, naming the column and how many rows (never a
    value), so the failing column is as plain as it was. -#}
{% test filled(model, columns) %}
{%- for column in columns %}
select '{{ column }}' as column_name, count(*) as blank_rows
from {{ model }}
where {{ column }} is null
having count(*) > 0
{{ "union all" if not loop.last }}
{%- endfor %}
{% endtest %}
