-- The analysts' and the quality rules' ssda903_uasc: core.ssda903_uasc as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_uasc') }}
select * from {{ ref('ssda903_uasc') }}
