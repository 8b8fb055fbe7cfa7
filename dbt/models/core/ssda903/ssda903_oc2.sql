-- SSDA903 OC2 table, one set per collection year (YEAR) of the run's source: from Mosaic the
-- cohort and flags derived at each collection year's 31 March (int_mosaic__oc2 rows with a
-- YEAR); from 903 files, each year's rows as given.
select
    CHILD, DOB, SDQ_SCORE, SDQ_REASON, CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK,
    HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED, YEAR,
    'mosaic' as source_system,
    cast(null as varchar) as _source_file,
    cast(null as bigint) as _row_number
from {{ ref('int_mosaic__oc2') }}
where '{{ var("source_system") }}' = 'mosaic' and YEAR is not null

union all

select
    CHILD, DOB, SDQ_SCORE, SDQ_REASON, CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK,
    HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED, YEAR,
    'ssda903' as source_system,
    _source_file,
    _row_number
from {{ ref('int_ssda903__oc2') }}
where '{{ var("source_system") }}' = 'ssda903'
