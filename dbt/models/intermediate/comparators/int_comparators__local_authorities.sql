-- One row per local authority (old 3-digit code) with its new code, name and region. The
-- reference seed local_authorities comes first (for an old code shared by a county and the
-- unitary authority that replaced it, the current row); authorities the seed does not know
-- (a reorganisation newer than the seed) come from the most recent DfE file naming them,
-- then the ONS population file, then the statistical neighbour model. Names keep their
-- commas ("Bristol, City of").
with candidates as (
    select
        old_la_code,
        la_code as new_la_code,
        la_name,
        region_code,
        region_name,
        0 as source_priority,
        coalesce(year(valid_to), 9999) as as_of_year
    from {{ ref('local_authorities') }}
    where old_la_code is not null

    union all

    select
        old_la_code,
        new_la_code,
        la_name,
        region_code,
        region_name,
        1 as source_priority,
        time_period as as_of_year
    from {{ ref('int_comparators__dfe_values') }}
    where geographic_level = 'local_authority' and old_la_code is not null

    union all

    select
        old_la_code,
        new_la_code,
        la_name,
        region_code,
        region_name,
        2 as source_priority,
        calendar_year + 1 as as_of_year
    from {{ ref('stg_dfe__population') }}
    where geographic_level = 'local_authority' and old_la_code is not null

    union all

    select
        old_la_code,
        null as new_la_code,
        la_name,
        null as region_code,
        region_name,
        3 as source_priority,
        null as as_of_year
    from {{ ref('stg_dfe__sn_model') }}
    where old_la_code is not null
)

select
    old_la_code,
    new_la_code,
    la_name,
    region_code,
    region_name,
    source_priority = 0 as in_reference
from candidates
qualify row_number() over (
    partition by old_la_code
    order by source_priority asc, as_of_year desc nulls last, new_la_code asc nulls last, la_name asc
) = 1
