{{ config(materialized='view') }}

-- Looked-after reviews of the latest Mosaic extract.
with source as (
    select * from {{ source('mosaic', 'reviews') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ parse_date('REVIEW_DATE') }} as review_date,
    {{ clean_code('PARTICIPATION') }} as participation,
    _batch as extract_id,
    _source_file,
    _row_number
from source
