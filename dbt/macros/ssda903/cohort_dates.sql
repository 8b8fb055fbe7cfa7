{#- The dates the OC2 and OC3 cohorts are derived at, with their window start: every date
    the indicators need when the source is Mosaic (int_indicators__dates: reporting dates,
    previous quarters, years ago), and 31 March of every collection year the data covers
    (int_collection_years: the OC2 and OC3 tables of the return, and the quality rules).
    From 903 files only the collection years: the OC2 and OC3 statuses exist only there. -#}
{% macro cohort_dates() -%}
    select period_end, window_start
    from {{ ref('int_indicators__dates') }}
    where '{{ var("source_system") }}' = 'mosaic'
    union
    select year_end as period_end, year_start as window_start
    from {{ ref('int_collection_years') }}
{%- endmacro %}
