-- The Header of each census file: the collection details and the LA that sent it.
select
    try_cast(_batch as integer) as census_year,
    {{ clean_code('Collection') }} as collection,
    {{ clean_text('Year') }} as collection_year_as_given,
    {{ parse_date('ReferenceDate') }} as reference_date,
    {{ clean_text('LEA') }} as la_code,
    {{ clean_text('SoftwareCode') }} as software_code,
    {{ clean_text('Release') }} as software_release,
    {{ clean_text('SerialNo') }} as serial_number,
    {{ clean_text('DateTime') }} as created_at_as_given,
    _source_file,
    _row_number
from {{ source('cin', 'header') }}
