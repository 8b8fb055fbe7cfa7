{{ config(materialized='view') }}

-- Health events of the latest Mosaic extract; RESULT kept as given and, for SDQ, as a number.
with source as (
    select * from {{ source('mosaic', 'health_events') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ clean_code('EVENT_TYPE') }} as event_type,
    {{ parse_date('EVENT_DATE') }} as event_date,
    {{ clean_code('RESULT') }} as result,
    try_cast({{ clean_text('RESULT') }} as integer) as result_number,
    _batch as extract_id,
    _source_file,
    _row_number
from source
