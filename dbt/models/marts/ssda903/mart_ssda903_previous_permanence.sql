-- The analysts' and the quality rules' ssda903_previous_permanence: core.ssda903_previous_permanence as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_previous_permanence') }}
select * from {{ ref('ssda903_previous_permanence') }}
