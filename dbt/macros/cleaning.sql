{#- Staging helpers: the one place the input contract's text rules live (spec/inputs.md). -#}

{#- A date given as dd/mm/yyyy or yyyy-mm-dd (a time part, as spreadsheets add, is
    ignored). The year must have four digits: DuckDB's %Y would read 24/04/17 as the year
    17, a silent error worse than a reported one. Anything else is null, and the quality
    layer reports the unparseable value. -#}
{% macro parse_date(column) -%}
    case
        when regexp_matches(trim({{ column }}), '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}([ T].*)?$')
            then cast(try_strptime(
                regexp_extract(trim({{ column }}), '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}'),
                '%d/%m/%Y') as date)
        when regexp_matches(trim({{ column }}), '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T].*)?$')
            then cast(try_strptime(
                regexp_extract(trim({{ column }}), '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'),
                '%Y-%m-%d') as date)
    end
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
