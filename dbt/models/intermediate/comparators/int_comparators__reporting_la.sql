-- The reporting local authority (dbt var `la_code`, old 3-digit or new E0... code; default
-- "310", Harrow) with both codes, its name and its region, from the reference seed
-- local_authorities (through int_comparators__local_authorities), so it is known whether or
-- not DfE files were landed: the location indicators need its ONS code on every run.
-- `is_resolved` is false when neither the seed nor any landed DfE file knows the code (the
-- `cla` command refuses such a code before a run); `in_dfe_data` is null when no DfE release
-- was landed, false when the landed releases do not mention the LA.
{%- set given = (var('la_code', '310') | string) | trim | upper %}

with given as (
    select {{ sql_string(given) }} as la_code_given
),

found as (
    select local_authorities.*
    from {{ ref('int_comparators__local_authorities') }} as local_authorities
    where upper(local_authorities.old_la_code) = {{ sql_string(given) }}
        or upper(local_authorities.new_la_code) = {{ sql_string(given) }}
    order by local_authorities.in_reference desc, local_authorities.old_la_code asc
    limit 1
),

dfe as (
    select
        count(*) > 0 as has_data,
        count(*) filter (
            where values.old_la_code = (select found.old_la_code from found)
               or upper(values.new_la_code) = {{ sql_string(given) }}
        ) > 0 as mentions_la
    from {{ ref('int_comparators__dfe_values') }} as values
    where values.geographic_level = 'local_authority'
)

select
    given.la_code_given,
    coalesce(
        found.old_la_code,
        case when regexp_matches(given.la_code_given, '^[0-9]{3}$') then given.la_code_given end
    ) as old_la_code,
    coalesce(
        found.new_la_code,
        case when given.la_code_given like 'E%' then given.la_code_given end
    ) as new_la_code,
    found.la_name,
    found.region_code,
    found.region_name,
    found.old_la_code is not null as is_resolved,
    coalesce(found.in_reference, false) as in_reference,
    case when dfe.has_data then dfe.mentions_la end as in_dfe_data
from given
cross join dfe
left join found on true
