{#- Staging helpers: the one place the input contract's text rules live (spec/inputs.md). -#}

{#- A date given as dd/mm/yyyy or yyyy-mm-dd (a time part, as spreadsheets add, is
    ignored). Anything else is null: the quality layer reports the unparseable value. -#}
{% macro parse_date(column) -%}
    cast(coalesce(
        try_strptime(trim({{ column }}), '%d/%m/%Y'),
        try_strptime(trim({{ column }}), '%Y-%m-%d'),
        try_strptime(trim({{ column }}), '%d/%m/%Y %H:%M:%S'),
        try_strptime(trim({{ column }}), '%d/%m/%Y %H:%M'),
        try_strptime(trim({{ column }}), '%Y-%m-%d %H:%M:%S'),
        try_strptime(trim({{ column }}), '%Y-%m-%dT%H:%M:%S')
    ) as date)
{%- endmacro %}

{#- True when a non-blank value did not parse as a date. -#}
{% macro is_bad_date(column) -%}
    (nullif(trim({{ column }}), '') is not null and {{ parse_date(column) }} is null)
{%- endmacro %}

{#- A code: trimmed, upper-cased, blank as null. -#}
{% macro clean_code(column) -%}
    nullif(upper(trim({{ column }})), '')
{%- endmacro %}

{#- Free text or an identifier: trimmed, blank as null. -#}
{% macro clean_text(column) -%}
    nullif(trim({{ column }}), '')
{%- endmacro %}

{#- A postcode as a join key: upper case, no spaces, blank as null. -#}
{% macro postcode_key(column) -%}
    nullif(upper(replace(trim({{ column }}), ' ', '')), '')
{%- endmacro %}
