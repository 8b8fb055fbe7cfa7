-- The published comparators: int_comparators__reporting_la_comparators as built, unchanged
-- (a view; marts are leaves: indicator_report reads the intermediate model, never this).
{{ config(materialized='view') }}
select * from {{ ref('int_comparators__reporting_la_comparators') }}
