-- Child protection plans of every census year, each pointing to its CINdetails.
select
    {{ clean_text('LAchildID') }} as child_id,
    try_cast(cin_details_row as bigint) as cin_details_row,
    {{ parse_date('CPPstartDate') }} as start_date,
    {{ parse_date('CPPendDate') }} as end_date,
    {{ clean_code('InitialCategoryOfAbuse') }} as initial_category,
    {{ clean_code('LatestCategoryOfAbuse') }} as latest_category,
    {{ whole_number('NumberOfPreviousCPP') }} as number_of_previous_cpp,
    try_cast(_batch as integer) as census_year,
    _source_file,
    _row_number
from {{ source('cin', 'child_protection_plans') }}
