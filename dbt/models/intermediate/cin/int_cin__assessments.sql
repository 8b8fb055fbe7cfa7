-- One row per assessment, with the date of the referral it belongs to (null when that
-- referral is unknown: not in int_cin__referrals).
-- Mosaic: one row per ASSESSMENT_ID (a repeated ID: the later row), tied to its referral
-- by REFERRAL_ID. Census: an assessment belongs to the CINdetails it sits in; the same
-- assessment (child, referral date, start date) in several census years: the later year
-- wins, so an assessment open at one 31 March takes its authorisation date from the next
-- year's return.
with mosaic as (
    select
        assessment_id as assessment_key,
        person_id as child_id,
        referral_id as referral_key,
        start_date,
        authorised_date,
        factors,
        cast(null as integer) as census_year,
        _source_file,
        _row_number
    from {{ ref('stg_mosaic__assessments') }}
    where assessment_id is not null and person_id is not null
    qualify row_number() over (
        partition by assessment_id order by _source_file desc, _row_number desc
    ) = 1
),

census as (
    select
        {{ census_referral_key('d.child_id', 'd.referral_date') }}
            || '|' || coalesce(strftime(a.start_date, '%Y-%m-%d'), '?') as assessment_key,
        a.child_id,
        {{ census_referral_key('d.child_id', 'd.referral_date') }} as referral_key,
        a.start_date,
        a.authorised_date,
        a.factors,
        a.census_year,
        a._source_file,
        a._row_number
    from {{ ref('stg_cin__assessments') }} as a
    inner join {{ ref('stg_cin__cin_details') }} as d
        on d._source_file = a._source_file and d.cin_details_row = a.cin_details_row
    where a.child_id is not null and d.referral_date is not null
    qualify row_number() over (
        partition by a.child_id, d.referral_date, a.start_date
        order by a.census_year desc nulls last, a._source_file desc, a._row_number desc
    ) = 1
),

chosen as (
    select * from mosaic where '{{ var("source_system") }}' = 'mosaic'
    union all
    select * from census where '{{ var("source_system") }}' <> 'mosaic'
)

select
    a.assessment_key,
    a.child_id,
    a.referral_key,
    r.referral_date,
    a.start_date,
    a.authorised_date,
    a.factors,
    a.census_year,
    a._source_file,
    a._row_number
from chosen as a
left join {{ ref('int_cin__referrals') }} as r on r.referral_key = a.referral_key
