-- The disabilities recorded for each child, one row per child and disability code (NONE,
-- the census's "no disability", and blanks are not disabilities). Mosaic: the extract's
-- disabilities.csv. Census: the child's record in the latest census year that has one
-- (the characteristics as last returned), as the later year wins for referrals.
with mosaic as (
    select distinct person_id as child_id, disability
    from {{ ref('stg_mosaic__disabilities') }}
    where person_id is not null
),

latest_record as (
    select child_id, census_year, _source_file
    from {{ ref('stg_cin__children') }}
    where child_id is not null
    qualify row_number() over (
        partition by child_id order by census_year desc nulls last, _source_file desc
    ) = 1
),

census as (
    select distinct d.child_id, d.disability
    from {{ ref('stg_cin__disabilities') }} as d
    inner join latest_record as l
        on l.child_id = d.child_id and l._source_file = d._source_file
),

chosen as (
    select * from mosaic where '{{ var("source_system") }}' = 'mosaic'
    union all
    select * from census where '{{ var("source_system") }}' <> 'mosaic'
)

select child_id, disability
from chosen
where disability is not null and disability <> 'NONE'
