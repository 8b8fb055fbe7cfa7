{{ config(materialized='view') }}

-- Social worker episodes of every collection year.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DOB') }} as DOB,
    {{ clean_text('SW_ID') }} as SW_ID,
    {{ parse_date('SW_DECOM') }} as SW_DECOM,
    {{ parse_date('SW_DEC') }} as SW_DEC,
    {{ clean_code('SW_REASON') }} as SW_REASON,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'sw_episodes') }}
