-- One UASC row per child: the latest collection year's (a later year may add the DUC).
select
    CHILD,
    SEX,
    DOB,
    DUC,
    collection_year,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__uasc') }}
where CHILD is not null
qualify row_number() over (
    partition by CHILD
    order by collection_year desc nulls last, _source_file desc, _row_number desc
) = 1
