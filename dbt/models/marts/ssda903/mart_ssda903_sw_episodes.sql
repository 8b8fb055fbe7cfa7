-- The analysts' and the quality rules' ssda903_sw_episodes: core.ssda903_sw_episodes as built, unchanged
-- (a view; marts are leaves: models read core, never this).
{{ config(alias='ssda903_sw_episodes') }}
select * from {{ ref('ssda903_sw_episodes') }}
