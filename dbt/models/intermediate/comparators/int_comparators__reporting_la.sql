-- The reporting local authority (dbt var `la_code`, old 3-digit or new E0... code; default
-- "310", Harrow) with both codes, its name and its region as DfE files give them.
-- `is_resolved` is null when no DfE data was landed at all, false when the code matches no
-- authority in the landed files.
{%- set given = (var('la_code', '310') | string) | trim | upper %}

with given as (
    select '{{ given }}' as la_code_given
),

found as (
    select local_authorities.*
    from {{ ref('int_comparators__local_authorities') }} as local_authorities
    where upper(old_la_code) = '{{ given }}' or upper(new_la_code) = '{{ given }}'
    order by old_la_code
    limit 1
),

any_data as (
    select count(*) > 0 as has_data
    from {{ ref('int_comparators__local_authorities') }}
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
    case when any_data.has_data then found.old_la_code is not null end as is_resolved
from given
cross join any_data
left join found on true
