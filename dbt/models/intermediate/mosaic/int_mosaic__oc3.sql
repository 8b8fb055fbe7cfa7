-- The 903 OC3 table derived from Mosaic: the OC3 cohort of each collection year the extract
-- covers (17th-21st birthday in the year), with the statuses of int_oc3_statuses. A young
-- person with no contact near the birthday is reported IN_TOUCH = NO with ACTIV and ACCOM
-- blank: the return needs a value, and NO counts in the denominators only, as "no
-- information" does in the indicators.
select
    s.CHILD,
    s.DOB,
    case when s.has_status then s.IN_TOUCH else 'NO' end as IN_TOUCH,
    s.ACTIV,
    s.ACCOM,
    y.collection_year as YEAR
from {{ ref('int_oc3_statuses') }} as s
inner join {{ ref('int_collection_years') }} as y on y.year_end = s.period_end
where s.source_system = 'mosaic'
