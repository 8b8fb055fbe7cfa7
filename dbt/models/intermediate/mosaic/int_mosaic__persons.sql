-- One row per person of the latest extract: where a PERSON_ID appears twice, the later row
-- of the file is used (the quality rules report the duplicate from staging).
select *
from {{ ref('stg_mosaic__persons') }}
where person_id is not null
qualify row_number() over (
    partition by person_id order by _source_file desc, _row_number desc
) = 1
