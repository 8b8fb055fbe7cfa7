{{ config(materialized='view') }}

-- OC3 rows of every collection year.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DOB') }} as DOB,
    {{ clean_code('IN_TOUCH') }} as IN_TOUCH,
    {{ clean_code('ACTIV') }} as ACTIV,
    {{ clean_code('ACCOM') }} as ACCOM,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'oc3') }}
