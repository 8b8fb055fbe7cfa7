-- The analysts' and the quality rules' ssda903_missing: core.ssda903_missing as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_missing') }}
select * from {{ ref('ssda903_missing') }}
