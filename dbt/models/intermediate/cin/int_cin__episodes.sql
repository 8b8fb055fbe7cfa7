-- CIN episodes: the referrals that did not end in no further action (DfE counts children
-- in need by these). An episode runs from the referral date to the CIN closure date (null
-- while open); it covers date d when it started on or before d and had not closed by d
-- (closure_date null or after d: an episode closing on d no longer covers it).
select
    referral_key,
    child_id,
    referral_date as start_date,
    closure_date as end_date,
    reason_for_closure,
    primary_need,
    referral_source,
    cin_source,
    census_year,
    _source_file,
    _row_number
from {{ ref('int_cin__referrals') }}
where not is_nfa
