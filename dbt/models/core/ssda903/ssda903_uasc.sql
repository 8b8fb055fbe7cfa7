-- SSDA903 UASC table (one row per child ever UASC) of the run's source.
select
    CHILD, SEX, DOB, DUC,
    'mosaic' as source_system,
    cast(null as integer) as collection_year,
    _source_file,
    _row_number
from {{ ref('int_mosaic__uasc') }}
where '{{ var("source_system") }}' = 'mosaic'

union all

select
    CHILD, SEX, DOB, DUC,
    'ssda903' as source_system,
    collection_year,
    _source_file,
    _row_number
from {{ ref('int_ssda903__uasc') }}
where '{{ var("source_system") }}' = 'ssda903'
