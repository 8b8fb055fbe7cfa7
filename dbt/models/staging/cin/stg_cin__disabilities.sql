-- Disabilities of every census year, one row per Disability element (NONE kept as given).
select
    {{ clean_text('LAchildID') }} as child_id,
    {{ clean_code('Disability') }} as disability,
    try_cast(_batch as integer) as census_year,
    _source_file,
    _row_number
from {{ source('cin', 'disabilities') }}
