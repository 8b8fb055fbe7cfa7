{{ config(materialized='view') }}

-- Placements of the latest Mosaic extract, each within a period of care.
with source as (
    select * from {{ source('mosaic', 'placements') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PLACEMENT_ID') }} as placement_id,
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ clean_text('PERIOD_OF_CARE_ID') }} as period_of_care_id,
    {{ parse_date('START_DATE') }} as start_date,
    {{ parse_date('END_DATE') }} as end_date,
    {{ clean_code('PLACEMENT_TYPE') }} as placement_type,
    {{ clean_code('PLACEMENT_PROVIDER') }} as placement_provider,
    {{ clean_text('CARER_ID') }} as carer_id,
    {{ clean_code('PLACEMENT_POSTCODE') }} as placement_postcode,
    {{ clean_code('OFSTED_URN') }} as ofsted_urn,
    {{ clean_code('REASON_PLACEMENT_CHANGE') }} as reason_placement_change,
    _batch as extract_id,
    _source_file,
    _row_number
from source
