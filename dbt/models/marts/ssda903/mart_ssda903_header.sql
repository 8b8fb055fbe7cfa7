-- The analysts' and the quality rules' ssda903_header: core.ssda903_header as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_header') }}
select * from {{ ref('ssda903_header') }}
