{{ config(materialized='view') }}

-- Child protection plans of the latest Mosaic extract, one row per file row.
with source as (
    select * from {{ source('mosaic', 'child_protection_plans') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('CPP_ID') }} as cpp_id,
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ parse_date('START_DATE') }} as start_date,
    {{ parse_date('END_DATE') }} as end_date,
    {{ clean_code('INITIAL_CATEGORY') }} as initial_category,
    _batch as extract_id,
    _source_file,
    _row_number
from source
