{{ config(materialized='view') }}

-- Persons of the latest Mosaic extract: trimmed, dates cast, gender recoded to M/F/U.
with source as (
    select * from {{ source('mosaic', 'persons') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('PERSON_ID') }} as person_id,
    case {{ clean_code('GENDER') }}
        when 'M' then 'M' when 'MALE' then 'M' when '1' then 'M'
        when 'F' then 'F' when 'FEMALE' then 'F' when '2' then 'F'
        when 'U' then 'U' when 'UNKNOWN' then 'U' when 'INDETERMINATE' then 'U'
        when 'I' then 'U' when '0' then 'U' when '9' then 'U'
    end as gender,
    {{ clean_code('GENDER') }} as gender_as_given,
    {{ parse_date('DATE_OF_BIRTH') }} as date_of_birth,
    {{ clean_code('ETHNICITY') }} as ethnicity,
    {{ clean_text('UPN') }} as upn,
    coalesce({{ clean_code('UASC_FLAG') }} in ('Y', 'YES', '1', 'TRUE'), false) as is_uasc,
    {{ parse_date('UASC_END_DATE') }} as uasc_end_date,
    {{ parse_date('DATE_OF_DEATH') }} as date_of_death,
    _batch as extract_id,
    _source_file,
    _row_number
from source
