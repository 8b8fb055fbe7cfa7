-- Missing and away incidents of every year pooled: the same incident (CHILD, MISSING,
-- MIS_START) sent in several years keeps the latest year's row (which may add MIS_END).
select
    CHILD,
    DOB,
    MISSING,
    MIS_START,
    MIS_END,
    collection_year,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__missing') }}
where CHILD is not null and MIS_START is not null
qualify row_number() over (
    partition by CHILD, MISSING, MIS_START
    order by collection_year desc nulls last, _source_file desc, _row_number desc
) = 1
