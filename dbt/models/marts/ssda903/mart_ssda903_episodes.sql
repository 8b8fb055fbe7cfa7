-- The analysts' and the quality rules' ssda903_episodes: core.ssda903_episodes as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_episodes') }}
select * from {{ ref('ssda903_episodes') }}
