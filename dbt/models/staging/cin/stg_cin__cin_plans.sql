-- CIN plan dates of every census year, each pointing to its CINdetails.
select
    {{ clean_text('LAchildID') }} as child_id,
    try_cast(cin_details_row as bigint) as cin_details_row,
    {{ parse_date('CINPlanStartDate') }} as start_date,
    {{ parse_date('CINPlanEndDate') }} as end_date,
    try_cast(_batch as integer) as census_year,
    _source_file,
    _row_number
from {{ source('cin', 'cin_plans') }}
