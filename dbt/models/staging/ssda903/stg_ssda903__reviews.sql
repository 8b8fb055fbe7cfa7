{{ config(materialized='view') }}

-- Review rows of every collection year.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DOB') }} as DOB,
    {{ parse_date('REVIEW') }} as REVIEW,
    {{ clean_code('REVIEW_CODE') }} as REVIEW_CODE,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'reviews') }}
