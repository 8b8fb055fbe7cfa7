-- SSDA903 OC3 table, one set per collection year (YEAR) of the run's source: from Mosaic the
-- cohort and statuses derived for each year (int_mosaic__oc3 rows with a YEAR; a young
-- person with no contact near the birthday is written IN_TOUCH = NO: the return needs a
-- value, and NO counts in the denominators only, as "no information" does in the
-- indicators; a young person not in touch with no activity or accommodation recorded has
-- ACTIV and ACCOM 0, DfE's code for nothing to report: rules 132, 133 and 344 refuse a
-- blank); from 903 files, each year's rows as given.
select
    CHILD,
    DOB,
    case when has_status then IN_TOUCH else 'NO' end as IN_TOUCH,
    case
        when not has_status or IN_TOUCH <> 'YES' then coalesce(ACTIV, '0') else ACTIV
    end as ACTIV,
    case
        when not has_status or IN_TOUCH <> 'YES' then coalesce(ACCOM, '0') else ACCOM
    end as ACCOM,
    YEAR,
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
