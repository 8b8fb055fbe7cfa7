-- One row per value indicator and date: int_indicators__values as built, unchanged (a view;
-- marts are leaves: indicator_report reads the intermediate model, never this).
{{ config(materialized='view') }}
select * from {{ ref('int_indicators__values') }}
