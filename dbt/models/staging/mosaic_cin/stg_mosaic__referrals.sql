{{ config(materialized='view') }}

-- Referrals of the latest Mosaic extract, one row per file row: trimmed, dates cast, codes
-- upper-cased, REFERRAL_NFA read as a flag (Y/N, Yes/No, true/false, 1/0; blank or other:
-- null, with the value as given kept for the quality rules).
with source as (
    select * from {{ source('mosaic', 'referrals') }}
    where _batch = {{ latest_mosaic_extract() }}
)

select
    {{ clean_text('REFERRAL_ID') }} as referral_id,
    {{ clean_text('PERSON_ID') }} as person_id,
    {{ parse_date('REFERRAL_DATE') }} as referral_date,
    {{ clean_code('REFERRAL_SOURCE') }} as referral_source,
    {{ yes_no('REFERRAL_NFA') }} as referral_nfa,
    {{ clean_code('REFERRAL_NFA') }} as referral_nfa_as_given,
    {{ parse_date('CIN_CLOSURE_DATE') }} as cin_closure_date,
    {{ clean_code('REASON_FOR_CLOSURE') }} as reason_for_closure,
    {{ clean_code('PRIMARY_NEED') }} as primary_need,
    _batch as extract_id,
    _source_file,
    _row_number
from source
