{{ config(materialized='view') }}

-- Care-leaver contacts of the latest Mosaic extract, codes upper-cased.
with source as (
    select * from {{ source('mosaic', 'care_leaver_contacts') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ parse_date('CONTACT_DATE') }} as contact_date,
    {{ clean_code('IN_TOUCH') }} as in_touch,
    {{ clean_code('ACCOMMODATION') }} as accommodation,
    {{ clean_code('ACTIVITY') }} as activity,
    _batch as extract_id,
    _source_file,
    _row_number
from source
