-- SSDA903 ad1 rows of each collection year (YEAR), as given (rows without a CHILD are
-- reported by int_source_rows_excluded). The Mosaic extract holds no such data: empty when
-- the run's source is mosaic.
select
    CHILD, DOB, DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR,
    collection_year as YEAR,
    'ssda903' as source_system,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__ad1') }}
where '{{ var("source_system") }}' = 'ssda903' and CHILD is not null and collection_year is not null
