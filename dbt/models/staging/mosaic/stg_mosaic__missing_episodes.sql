{{ config(materialized='view') }}

-- Missing and away episodes of the latest Mosaic extract; MISSING_TYPE recoded to the 903
-- MISSING code (MISSING -> M, ABSENT -> A; anything else kept upper-cased for the checks).
with source as (
    select * from {{ source('mosaic', 'missing_episodes') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ clean_code('MISSING_TYPE') }} as missing_type,
    case {{ clean_code('MISSING_TYPE') }}
        when 'MISSING' then 'M'
        when 'ABSENT' then 'A'
        else {{ clean_code('MISSING_TYPE') }}
    end as missing_code,
    {{ parse_date('START_DATE') }} as start_date,
    {{ parse_date('END_DATE') }} as end_date,
    _batch as extract_id,
    _source_file,
    _row_number
from source
