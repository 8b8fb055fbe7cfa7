-- The 903 missing table from Mosaic missing episodes (MISSING_TYPE MISSING -> M, ABSENT -> A).
-- Every row with a person and a start date; DOB from persons. Rows without either are
-- reported by int_source_rows_excluded.
select
    m.person_id as CHILD,
    p.date_of_birth as DOB,
    m.missing_code as MISSING,
    m.start_date as MIS_START,
    m.end_date as MIS_END,
    m._source_file,
    m._row_number
from {{ ref('stg_mosaic__missing_episodes') }} as m
left join {{ ref('int_mosaic__persons') }} as p on p.person_id = m.person_id
where m.person_id is not null and m.start_date is not null
