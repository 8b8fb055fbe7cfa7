-- The analysts' and the quality rules' ssda903_ad1: core.ssda903_ad1 as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_ad1') }}
select * from {{ ref('ssda903_ad1') }}
