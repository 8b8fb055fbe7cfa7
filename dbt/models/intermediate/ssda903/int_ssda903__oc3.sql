-- OC3 rows kept per collection year (YEAR): one per child and year (within a year, the
-- later row of the file).
select
    CHILD,
    DOB,
    IN_TOUCH,
    ACTIV,
    ACCOM,
    collection_year as YEAR,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__oc3') }}
where CHILD is not null and collection_year is not null
qualify row_number() over (
    partition by CHILD, collection_year order by _source_file desc, _row_number desc
) = 1
