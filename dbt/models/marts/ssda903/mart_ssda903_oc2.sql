-- The analysts' and the quality rules' ssda903_oc2: core.ssda903_oc2 as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_oc2') }}
select * from {{ ref('ssda903_oc2') }}
