-- The 903 OC2 table derived from Mosaic: the OC2 cohort at 31 March of each collection year
-- the extract covers, with the flags of int_oc2_flags. Fields the extract does not hold
-- (SDQ_REASON, CONVICTED, HEALTH_CHECK, SUBSTANCE_MISUSE, INTERVENTION_*) are null.
select
    f.CHILD,
    f.DOB,
    f.SDQ_SCORE,
    cast(null as varchar) as SDQ_REASON,
    cast(null as integer) as CONVICTED,
    cast(null as integer) as HEALTH_CHECK,
    f.IMMUNISATIONS,
    f.TEETH_CHECK,
    f.HEALTH_ASSESSMENT,
    cast(null as integer) as SUBSTANCE_MISUSE,
    cast(null as integer) as INTERVENTION_RECEIVED,
    cast(null as integer) as INTERVENTION_OFFERED,
    y.collection_year as YEAR
from {{ ref('int_oc2_flags') }} as f
inner join {{ ref('int_collection_years') }} as y on y.year_end = f.period_end
where f.source_system = 'mosaic'
