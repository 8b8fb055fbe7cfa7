-- The analysts' and the quality rules' ssda903_reviews: core.ssda903_reviews as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_reviews') }}
select * from {{ ref('ssda903_reviews') }}
