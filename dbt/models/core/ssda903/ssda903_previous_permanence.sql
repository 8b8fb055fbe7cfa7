-- SSDA903 previous_permanence rows of each collection year (YEAR), as given (rows without a CHILD are
-- reported by int_source_rows_excluded). The Mosaic extract holds no such data: empty when
-- the run's source is mosaic.
select
    CHILD, DOB, PREV_PERM, LA_PERM, DATE_PERM,
    collection_year as YEAR,
    'ssda903' as source_system,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__previous_permanence') }}
where '{{ var("source_system") }}' = 'ssda903' and CHILD is not null and collection_year is not null
