{#- A SQL string literal of `value`, its quotes doubled: a dbt var can never end the string
    and become SQL (`--la "310' or 1=1 --"`). Vars are also validated before dbt runs
    (dagster_project/resources.py: LA codes, sources, ISO dates); this is the second wall,
    for dbt run by hand. -#}
{% macro sql_string(value) -%}
    '{{ (value | string) | replace("'", "''") }}'
{%- endmacro %}
