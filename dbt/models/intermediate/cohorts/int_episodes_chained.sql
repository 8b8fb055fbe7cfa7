-- Non-short-break episodes of core ssda903_episodes (either source) with their period of
-- care: macro episodes_chained (dbt/macros/cohorts/periods_of_care.sql), the one definition
-- the indicators, the cohorts and the quality rules share.
{{ episodes_chained(ref('ssda903_episodes')) }}
