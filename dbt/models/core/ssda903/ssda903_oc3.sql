-- SSDA903 OC3 table, one set per collection year (YEAR) of the run's source: from Mosaic the
-- cohort and statuses derived for each year (int_mosaic__oc3 rows with a YEAR; a young
-- person with no contact near the birthday is written IN_TOUCH = NO with ACTIV and ACCOM
-- blank: the return needs a value, and NO counts in the denominators only, as "no
-- information" does in the indicators); from 903 files, each year's rows as given.
select
    CHILD, DOB, case when has_status then IN_TOUCH else 'NO' end as IN_TOUCH, ACTIV, ACCOM, YEAR,
    'mosaic' as source_system,
    cast(null as varchar) as _source_file,
    cast(null as bigint) as _row_number
from {{ ref('int_mosaic__oc3') }}
where '{{ var("source_system") }}' = 'mosaic' and YEAR is not null

union all

select
    CHILD, DOB, IN_TOUCH, ACTIV, ACCOM, YEAR,
    'ssda903' as source_system,
    _source_file,
    _row_number
from {{ ref('int_ssda903__oc3') }}
where '{{ var("source_system") }}' = 'ssda903'
