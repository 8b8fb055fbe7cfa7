-- Child protection plan review dates of every census year, each pointing to its plan.
select
    {{ clean_text('LAchildID') }} as child_id,
    try_cast(cin_details_row as bigint) as cin_details_row,
    try_cast(cpp_row as bigint) as cpp_row,
    {{ parse_date('CPPreviewDate') }} as review_date,
    try_cast(_batch as integer) as census_year,
    _source_file,
    _row_number
from {{ source('cin', 'cpp_reviews') }}
