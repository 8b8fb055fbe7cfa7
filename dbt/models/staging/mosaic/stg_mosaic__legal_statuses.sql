{{ config(materialized='view') }}

-- Legal statuses of the latest Mosaic extract (per person, not per period).
with source as (
    select * from {{ source('mosaic', 'legal_statuses') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('LEGAL_STATUS_ID') }} as legal_status_id,
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ clean_code('LEGAL_STATUS') }} as legal_status,
    {{ parse_date('START_DATE') }} as start_date,
    {{ parse_date('END_DATE') }} as end_date,
    _batch as extract_id,
    _source_file,
    _row_number
from source
