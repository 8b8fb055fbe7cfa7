{{ config(materialized='view') }}

-- UASC rows of every collection year; DUC = date UASC status ceased.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ ssda903_sex('SEX') }} as SEX,
    {{ parse_date('DOB') }} as DOB,
    {{ parse_date('DUC') }} as DUC,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'uasc') }}
