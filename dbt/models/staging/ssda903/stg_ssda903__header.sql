{{ config(materialized='view') }}

-- Header rows of every collection year. SEX 1/2 (returns before 2024-25) recoded to M/F.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ ssda903_sex('SEX') }} as SEX,
    {{ parse_date('DOB') }} as DOB,
    {{ clean_code('ETHNIC') }} as ETHNIC,
    {{ clean_code('UPN') }} as UPN,
    {{ clean_code('MOTHER') }} as MOTHER,
    {{ parse_date('MC_DOB') }} as MC_DOB,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'header') }}
