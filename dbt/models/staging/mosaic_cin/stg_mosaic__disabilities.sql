{{ config(materialized='view') }}

-- Disabilities of the latest Mosaic extract, one row per file row (CIN census codes,
-- upper-cased).
with source as (
    select * from {{ source('mosaic', 'disabilities') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ clean_code('DISABILITY') }} as disability,
    _batch as extract_id,
    _source_file,
    _row_number
from source
