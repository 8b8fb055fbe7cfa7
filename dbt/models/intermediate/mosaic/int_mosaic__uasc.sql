-- The 903 UASC table from Mosaic persons: children of the header flagged UASC, with the
-- date UASC status ceased (DUC = UASC_END_DATE).
select
    h.CHILD,
    h.SEX,
    h.DOB,
    p.uasc_end_date as DUC,
    p._source_file,
    p._row_number
from {{ ref('int_mosaic__header') }} as h
inner join {{ ref('int_mosaic__persons') }} as p on p.person_id = h.CHILD
where p.is_uasc
