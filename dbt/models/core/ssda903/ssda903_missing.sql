-- SSDA903 missing / away incidents of the run's source (all years pooled).
select
    CHILD, DOB, MISSING, MIS_START, MIS_END,
    'mosaic' as source_system,
    cast(null as integer) as collection_year,
    _source_file,
    _row_number
from {{ ref('int_mosaic__missing') }}
where '{{ var("source_system") }}' = 'mosaic'

union all

select
    CHILD, DOB, MISSING, MIS_START, MIS_END,
    'ssda903' as source_system,
    collection_year,
    _source_file,
    _row_number
from {{ ref('int_ssda903__missing') }}
where '{{ var("source_system") }}' = 'ssda903'
