-- SSDA903 placed_for_adoption rows of each collection year (YEAR), as given (rows without a CHILD are
-- reported by int_source_rows_excluded). The Mosaic extract holds no such data: empty when
-- the run's source is mosaic.
select
    CHILD, DOB, DATE_PLACED, DATE_PLACED_CEASED, REASON_PLACED_CEASED,
    collection_year as YEAR,
    'ssda903' as source_system,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__placed_for_adoption') }}
where '{{ var("source_system") }}' = 'ssda903' and CHILD is not null and collection_year is not null
