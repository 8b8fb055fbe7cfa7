-- Assessments of every census year, each pointing to its CINdetails (cin_details_row).
select
    {{ clean_text('LAchildID') }} as child_id,
    try_cast(cin_details_row as bigint) as cin_details_row,
    {{ parse_date('AssessmentActualStartDate') }} as start_date,
    {{ parse_date('AssessmentInternalReviewDate') }} as internal_review_date,
    {{ parse_date('AssessmentAuthorisationDate') }} as authorised_date,
    nullif(upper(replace(trim(AssessmentFactors), ' ', '')), '') as factors,
    try_cast(_batch as integer) as census_year,
    _source_file,
    _row_number
from {{ source('cin', 'assessments') }}
