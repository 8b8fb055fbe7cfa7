-- SSDA903 reviews of the run's source (all years pooled).
select
    CHILD, DOB, REVIEW, REVIEW_CODE,
    'mosaic' as source_system,
    cast(null as integer) as collection_year,
    _source_file,
    _row_number
from {{ ref('int_mosaic__reviews') }}
where '{{ var("source_system") }}' = 'mosaic'

union all

select
    CHILD, DOB, REVIEW, REVIEW_CODE,
    'ssda903' as source_system,
    collection_year,
    _source_file,
    _row_number
from {{ ref('int_ssda903__reviews') }}
where '{{ var("source_system") }}' = 'ssda903'
