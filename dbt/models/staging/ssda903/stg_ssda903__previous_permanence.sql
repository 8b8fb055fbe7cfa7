{{ config(materialized='view') }}

-- Previous permanence rows of every collection year. DATE_PERM stays text: the 903 allows
-- partly unknown dates (zz/mm/yyyy, zz/zz/yyyy) that a DATE cannot hold.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DOB') }} as DOB,
    {{ clean_code('PREV_PERM') }} as PREV_PERM,
    {{ clean_code('LA_PERM') }} as LA_PERM,
    {{ clean_code('DATE_PERM') }} as DATE_PERM,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'previous_permanence') }}
