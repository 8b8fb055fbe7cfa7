{{ config(materialized='view') }}

-- Missing / away-from-placement rows of every collection year.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DOB') }} as DOB,
    {{ clean_code('MISSING') }} as MISSING,
    {{ parse_date('MIS_START') }} as MIS_START,
    {{ parse_date('MIS_END') }} as MIS_END,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'missing') }}
