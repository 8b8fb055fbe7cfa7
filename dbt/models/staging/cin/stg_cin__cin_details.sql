-- CINdetails of every census year: one referral each and the CIN episode it opens.
-- ReferralNFA read as a flag (true/false, 1/0); cin_details_row is the element's line,
-- by which the modules below it point to it.
select
    {{ clean_text('LAchildID') }} as child_id,
    _row_number as cin_details_row,
    {{ parse_date('CINreferralDate') }} as referral_date,
    {{ clean_code('ReferralSource') }} as referral_source,
    {{ clean_code('PrimaryNeedCode') }} as primary_need,
    {{ parse_date('CINclosureDate') }} as closure_date,
    {{ clean_code('ReasonForClosure') }} as reason_for_closure,
    {{ parse_date('DateOfInitialCPC') }} as date_of_initial_cpc,
    {{ yes_no('ReferralNFA') }} as referral_nfa,
    {{ clean_code('ReferralNFA') }} as referral_nfa_as_given,
    try_cast(_batch as integer) as census_year,
    _source_file,
    _row_number
from {{ source('cin', 'cin_details') }}
