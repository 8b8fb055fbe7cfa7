-- The reporting LA's ten statistical neighbours, in the model's order (1 = closest).
-- Source: the DfE statistical neighbour model file landed in dfe/ (when several are landed,
-- the one whose file name sorts last, e.g. sn_model_2025_wide.csv over sn_model_2024.csv).
-- When no model file lists the reporting LA, the dbt var `statistical_neighbours` (a list
-- of old LA codes, closest first; new E0... codes are accepted too) is used instead.
{%- set configured = var('statistical_neighbours', []) %}
{%- if configured is string %}{% set configured = configured.split(',') %}{% endif %}

with model_file as (
    select *
    from {{ ref('stg_dfe__sn_model') }}
    qualify dense_rank() over (
        order by regexp_extract(source_file, '[^/]+$') desc, source_file desc
    ) = 1
),

from_model as (
    {% for n in range(1, 11) %}
    select
        model_file.source_file,
        {{ n }} as neighbour_rank,
        model_file.sn_{{ n }} as neighbour_code,
        model_file.sn_{{ n }}_closeness as closeness
    from model_file
    inner join {{ ref('int_comparators__reporting_la') }} as reporting_la
        on model_file.old_la_code = reporting_la.old_la_code
    where model_file.sn_{{ n }} is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

from_configuration as (
    {% if configured | length > 0 %}
    {% for code in configured %}
    select
        'dbt var statistical_neighbours' as source_file,
        {{ loop.index }} as neighbour_rank,
        upper(trim({{ sql_string(code | string | trim) }})) as neighbour_code,
        cast(null as varchar) as closeness
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
    {% else %}
    select
        cast(null as varchar) as source_file,
        cast(null as integer) as neighbour_rank,
        cast(null as varchar) as neighbour_code,
        cast(null as varchar) as closeness
    where false
    {% endif %}
),

chosen as (
    select *, 'sn_model' as neighbour_source from from_model
    union all
    select *, 'configuration' as neighbour_source from from_configuration
    where not exists (select 1 from from_model)
)

select
    reporting_la.old_la_code as reporting_old_la_code,
    cast(chosen.neighbour_rank as integer) as neighbour_rank,
    coalesce(local_authorities.old_la_code, chosen.neighbour_code) as neighbour_old_la_code,
    local_authorities.new_la_code as neighbour_new_la_code,
    local_authorities.la_name as neighbour_la_name,
    chosen.closeness,
    chosen.neighbour_source,
    chosen.source_file
from chosen
cross join {{ ref('int_comparators__reporting_la') }} as reporting_la
left join {{ ref('int_comparators__local_authorities') }} as local_authorities
    on chosen.neighbour_code in (local_authorities.old_la_code, local_authorities.new_la_code)
