-- One row per section 47 enquiry, with the date of its referral (null when unknown) and of
-- its initial child protection conference (ICPC; null when none, or not yet).
-- Mosaic: one row per S47_ID (a repeated ID: the later row). Census: the same enquiry
-- (child, referral date, start date) in several census years: the later year wins; the
-- ICPC date is the Section47 group's DateOfInitialCPC.
with mosaic as (
    select
        s47_id as s47_key,
        person_id as child_id,
        referral_id as referral_key,
        start_date,
        icpc_date,
        icpc_not_required,
        cast(null as integer) as census_year,
        _source_file,
        _row_number
    from {{ ref('stg_mosaic__section47_enquiries') }}
    where s47_id is not null and person_id is not null
    qualify row_number() over (
        partition by s47_id order by _source_file desc, _row_number desc
    ) = 1
),

census as (
    select
        {{ census_referral_key('d.child_id', 'd.referral_date') }}
            || '|' || coalesce(strftime(s.start_date, '%Y-%m-%d'), '?') as s47_key,
        s.child_id,
        {{ census_referral_key('d.child_id', 'd.referral_date') }} as referral_key,
        s.start_date,
        s.icpc_date,
        s.icpc_not_required,
        s.census_year,
        s._source_file,
        s._row_number
    from {{ ref('stg_cin__section47') }} as s
    inner join {{ ref('stg_cin__cin_details') }} as d
        on d._source_file = s._source_file and d.cin_details_row = s.cin_details_row
    where s.child_id is not null and d.referral_date is not null
    qualify row_number() over (
        partition by s.child_id, d.referral_date, s.start_date
        order by s.census_year desc nulls last, s._source_file desc, s._row_number desc
    ) = 1
),

chosen as (
    select * from mosaic where '{{ var("source_system") }}' = 'mosaic'
    union all
    select * from census where '{{ var("source_system") }}' <> 'mosaic'
)

select
    s.s47_key,
    s.child_id,
    s.referral_key,
    r.referral_date,
    s.start_date,
    s.icpc_date,
    s.icpc_not_required,
    s.census_year,
    s._source_file,
    s._row_number
from chosen as s
left join {{ ref('int_cin__referrals') }} as r on r.referral_key = s.referral_key
