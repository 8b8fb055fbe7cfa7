{#- Staging helpers: the one place the input contract's text rules live (spec/inputs.md). -#}

{#- A date in one of the accepted forms (var date_forms, dbt_project.yml: the one definition
    of a valid date, which dagster_project/date_forms.py turns into the same SQL for the DfE
    rules and into the GX raw suites' regex). A time part, as spreadsheets add, is ignored.
    Anything else is null, and the quality layer reports the unparseable value. -#}
{% macro parse_date(column) -%}
    {%- set suffix = var('date_time_suffix') -%}
    case
    {%- for form in var('date_forms') %}
        when regexp_matches(trim({{ column }}), '^{{ form.pattern }}{{ suffix }}$')
            then cast(try_strptime(
                regexp_extract(trim({{ column }}), '^{{ form.pattern }}'),
                '{{ form.format }}') as date)
    {%- endfor %}
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
