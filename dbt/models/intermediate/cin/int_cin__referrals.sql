-- One row per referral to children's social care, from the CIN source of this run (var
-- source_system: mosaic -> the Mosaic extract's referrals.csv; ssda903 -> the DfE CIN
-- census returns, the DfE-return counterpart of the SSDA903 files). Rows without a child
-- or a referral date are not referrals (int_cin__rows_excluded lists them).
-- Mosaic: one row per REFERRAL_ID (a repeated ID: the later row of the file).
-- Census: the census gives referrals no identifier, so a referral is a child and a
-- referral date (referral_key = LAchildID|date); several census years combine into one
-- history, the later census year winning for the same referral (within a year, the file
-- whose name sorts last, then the later element), as 903 episodes do. A referral left open
-- in an earlier year and never sent again stays open.
-- is_nfa: the referral led to no further action (REFERRAL_NFA / ReferralNFA); blank or
-- unreadable counts as not NFA (the quality rules report it).
with mosaic as (
    select
        referral_id as referral_key,
        person_id as child_id,
        referral_date,
        referral_source,
        primary_need,
        coalesce(referral_nfa, false) as is_nfa,
        cin_closure_date as closure_date,
        reason_for_closure,
        cast(null as date) as date_of_initial_cpc,
        cast(null as integer) as census_year,
        _source_file,
        _row_number
    from {{ ref('stg_mosaic__referrals') }}
    where referral_id is not null and person_id is not null and referral_date is not null
    qualify row_number() over (
        partition by referral_id order by _source_file desc, _row_number desc
    ) = 1
),

census as (
    select
        {{ census_referral_key('child_id', 'referral_date') }} as referral_key,
        child_id,
        referral_date,
        referral_source,
        primary_need,
        coalesce(referral_nfa, false) as is_nfa,
        closure_date,
        reason_for_closure,
        date_of_initial_cpc,
        census_year,
        _source_file,
        _row_number
    from {{ ref('stg_cin__cin_details') }}
    where child_id is not null and referral_date is not null
    qualify row_number() over (
        partition by child_id, referral_date
        order by census_year desc nulls last, _source_file desc, _row_number desc
    ) = 1
)

select *, 'mosaic' as cin_source
from mosaic
where '{{ var("source_system") }}' = 'mosaic'

union all

select *, 'cin_census' as cin_source
from census
where '{{ var("source_system") }}' <> 'mosaic'
