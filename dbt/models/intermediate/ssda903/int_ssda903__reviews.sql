-- Reviews of every year pooled: the same review (CHILD, REVIEW date) sent in several years
-- keeps the latest year's row.
select
    CHILD,
    DOB,
    REVIEW,
    REVIEW_CODE,
    collection_year,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__reviews') }}
where CHILD is not null and REVIEW is not null
qualify row_number() over (
    partition by CHILD, REVIEW
    order by collection_year desc nulls last, _source_file desc, _row_number desc
) = 1
