-- Which children each value indicator counts, at every date: int_indicators__members as
-- built, unchanged (a view). For analysts (published in cla_marts.duckdb); never in the
-- Panel report.
{{ config(materialized='view') }}
select * from {{ ref('int_indicators__members') }}
