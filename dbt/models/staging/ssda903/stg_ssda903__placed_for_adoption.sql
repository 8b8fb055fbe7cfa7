{{ config(materialized='view') }}

-- Placed-for-adoption decisions of every collection year.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DOB') }} as DOB,
    {{ parse_date('DATE_PLACED') }} as DATE_PLACED,
    {{ parse_date('DATE_PLACED_CEASED') }} as DATE_PLACED_CEASED,
    {{ clean_code('REASON_PLACED_CEASED') }} as REASON_PLACED_CEASED,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'placed_for_adoption') }}
