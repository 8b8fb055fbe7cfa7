-- The 903 header from Mosaic persons: every person with a period of care in the extract.
-- SEX is the recoded GENDER (M/F/U), or the value as given when it is not recognised, so
-- the quality rules can report it. MOTHER and MC_DOB are not in the extract (null).
select
    p.person_id as CHILD,
    coalesce(p.gender, p.gender_as_given) as SEX,
    p.date_of_birth as DOB,
    p.ethnicity as ETHNIC,
    p.upn as UPN,
    cast(null as varchar) as MOTHER,
    cast(null as date) as MC_DOB,
    p._source_file,
    p._row_number
from {{ ref('int_mosaic__persons') }} as p
where exists (
    select 1 from {{ ref('stg_mosaic__periods_of_care') }} as c where c.person_id = p.person_id
)
