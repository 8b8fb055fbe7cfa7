-- One header row per child: the latest collection year's (within a year, the later row).
select
    CHILD,
    SEX,
    DOB,
    ETHNIC,
    UPN,
    MOTHER,
    MC_DOB,
    collection_year,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__header') }}
where CHILD is not null
qualify row_number() over (
    partition by CHILD
    order by collection_year desc nulls last, _source_file desc, _row_number desc
) = 1
