-- The analysts' and the quality rules' ssda903_placed_for_adoption: core.ssda903_placed_for_adoption as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_placed_for_adoption') }}
select * from {{ ref('ssda903_placed_for_adoption') }}
