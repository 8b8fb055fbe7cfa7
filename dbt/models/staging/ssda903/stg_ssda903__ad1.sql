{{ config(materialized='view') }}

-- AD1 (adoption) rows of every collection year.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DOB') }} as DOB,
    {{ parse_date('DATE_INT') }} as DATE_INT,
    {{ parse_date('DATE_MATCH') }} as DATE_MATCH,
    try_cast({{ clean_text('FOSTER_CARE') }} as integer) as FOSTER_CARE,
    try_cast({{ clean_text('NB_ADOPTR') }} as integer) as NB_ADOPTR,
    {{ clean_code('SEX_ADOPTR') }} as SEX_ADOPTR,
    {{ clean_code('LS_ADOPTR') }} as LS_ADOPTR,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'ad1') }}
