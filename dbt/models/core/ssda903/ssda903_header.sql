-- SSDA903 header (one row per child) of the run's source.
select
    CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB,
    'mosaic' as source_system,
    cast(null as integer) as collection_year,
    _source_file,
    _row_number
from {{ ref('int_mosaic__header') }}
where '{{ var("source_system") }}' = 'mosaic'

union all

select
    CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB,
    'ssda903' as source_system,
    collection_year,
    _source_file,
    _row_number
from {{ ref('int_ssda903__header') }}
where '{{ var("source_system") }}' = 'ssda903'
