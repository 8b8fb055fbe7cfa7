-- Targets and RAG settings per indicator: config/targets.yaml as loaded by the Dagster asset
-- ["config", "indicator_targets"] into reference.indicator_targets, with the polarity that
-- applies (the file's override, else the catalogue's). One row per catalogue value
-- indicator; target null when the file sets none (RAG none).
with catalogue as (
    select indicator_id, polarity
    from {{ ref('indicator_catalogue') }}
    where kind = 'value'
),

targets as (
    select * from {{ source('config', 'indicator_targets') }}
)

select
    c.indicator_id,
    t.target,
    coalesce(t.amber_tolerance, 0) as amber_tolerance,
    coalesce(t.polarity, c.polarity) as polarity,
    t.target_source,
    t.config_file
from catalogue as c
left join targets as t on t.indicator_id = c.indicator_id
