{{ config(materialized='view') }}

-- Child in need plans of the latest Mosaic extract, one row per file row.
with source as (
    select * from {{ source('mosaic', 'cin_plans') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ parse_date('START_DATE') }} as start_date,
    {{ parse_date('END_DATE') }} as end_date,
    _batch as extract_id,
    _source_file,
    _row_number
from source
