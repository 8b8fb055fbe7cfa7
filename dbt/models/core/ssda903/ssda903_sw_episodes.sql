-- SSDA903 sw_episodes rows of each collection year (YEAR), as given (rows without a CHILD are
-- reported by int_source_rows_excluded). The Mosaic extract holds no such data: empty when
-- the run's source is mosaic.
select
    CHILD, DOB, SW_ID, SW_DECOM, SW_DEC, SW_REASON,
    collection_year as YEAR,
    'ssda903' as source_system,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__sw_episodes') }}
where '{{ var("source_system") }}' = 'ssda903' and CHILD is not null and collection_year is not null
