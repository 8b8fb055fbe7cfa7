-- The 903 reviews table from Mosaic reviews (PARTICIPATION -> REVIEW_CODE). Every row with a
-- person and a review date; DOB from persons.
select
    r.person_id as CHILD,
    p.date_of_birth as DOB,
    r.review_date as REVIEW,
    r.participation as REVIEW_CODE,
    r._source_file,
    r._row_number
from {{ ref('stg_mosaic__reviews') }} as r
left join {{ ref('int_mosaic__persons') }} as p on p.person_id = r.person_id
where r.person_id is not null and r.review_date is not null
