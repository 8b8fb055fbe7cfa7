-- One row per local authority (old 3-digit code) with its new code, name and region, as the
-- most recent DfE file names it; the ONS population file and the statistical neighbour
-- model fill in authorities no release file mentions. Names keep their commas
-- ("Bristol, City of").
with candidates as (
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
    region_name
from candidates
qualify row_number() over (
    partition by old_la_code
    order by source_priority, as_of_year desc nulls last, new_la_code nulls last, la_name
) = 1
