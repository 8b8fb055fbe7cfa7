{{ config(materialized='view') }}

-- Assessments of the latest Mosaic extract, one row per file row. FACTORS keeps the
-- factor codes as given (separated by ';'), upper-cased and without spaces.
with source as (
    select * from {{ source('mosaic', 'assessments') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('ASSESSMENT_ID') }} as assessment_id,
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ clean_text('REFERRAL_ID') }} as referral_id,
    {{ parse_date('START_DATE') }} as start_date,
    {{ parse_date('AUTHORISED_DATE') }} as authorised_date,
    nullif(upper(replace(trim(FACTORS), ' ', '')), '') as factors,
    _batch as extract_id,
    _source_file,
    _row_number
from source
