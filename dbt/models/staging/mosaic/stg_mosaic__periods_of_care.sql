{{ config(materialized='view') }}

-- Periods of care of the latest Mosaic extract: trimmed, dates cast, codes upper-cased.
with source as (
    select * from {{ source('mosaic', 'periods_of_care') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PERIOD_OF_CARE_ID') }} as period_of_care_id,
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ parse_date('START_DATE') }} as start_date,
    {{ parse_date('END_DATE') }} as end_date,
    {{ clean_code('CATEGORY_OF_NEED') }} as category_of_need,
    {{ clean_code('REASON_ENDED') }} as reason_ended,
    {{ clean_code('HOME_POSTCODE') }} as home_postcode,
    _batch as extract_id,
    _source_file,
    _row_number
from source
