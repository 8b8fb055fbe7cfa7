-- int_oc3_cohort under its former name, for the quality rules (quality/context.py reads
-- intermediate.int_oc3_statuses) until they render the oc3_cohort macro themselves; then
-- this view goes. Nothing in the dbt project reads it.
{{ config(materialized='view') }}
select * from {{ ref('int_oc3_cohort') }}
