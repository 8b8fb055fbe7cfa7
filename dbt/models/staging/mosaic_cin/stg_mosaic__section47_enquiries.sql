{{ config(materialized='view') }}

-- Section 47 enquiries of the latest Mosaic extract, one row per file row.
with source as (
    select * from {{ source('mosaic', 'section47_enquiries') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('S47_ID') }} as s47_id,
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ clean_text('REFERRAL_ID') }} as referral_id,
    {{ parse_date('START_DATE') }} as start_date,
    {{ parse_date('ICPC_DATE') }} as icpc_date,
    {{ yes_no('ICPC_NOT_REQUIRED') }} as icpc_not_required,
    _batch as extract_id,
    _source_file,
    _row_number
from source
