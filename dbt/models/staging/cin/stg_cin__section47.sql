-- Section 47 enquiries of every census year, each pointing to its CINdetails.
select
    {{ clean_text('LAchildID') }} as child_id,
    try_cast(cin_details_row as bigint) as cin_details_row,
    {{ parse_date('S47ActualStartDate') }} as start_date,
    {{ parse_date('InitialCPCtarget') }} as icpc_target_date,
    {{ parse_date('DateOfInitialCPC') }} as icpc_date,
    {{ yes_no('ICPCnotRequired') }} as icpc_not_required,
    try_cast(_batch as integer) as census_year,
    _source_file,
    _row_number
from {{ source('cin', 'section47') }}
