{{ config(materialized='view') }}

-- OC2 rows of every collection year; flags and the SDQ score as integers.
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DOB') }} as DOB,
    try_cast({{ clean_text('SDQ_SCORE') }} as integer) as SDQ_SCORE,
    {{ clean_code('SDQ_REASON') }} as SDQ_REASON,
    try_cast({{ clean_text('CONVICTED') }} as integer) as CONVICTED,
    try_cast({{ clean_text('HEALTH_CHECK') }} as integer) as HEALTH_CHECK,
    try_cast({{ clean_text('IMMUNISATIONS') }} as integer) as IMMUNISATIONS,
    try_cast({{ clean_text('TEETH_CHECK') }} as integer) as TEETH_CHECK,
    try_cast({{ clean_text('HEALTH_ASSESSMENT') }} as integer) as HEALTH_ASSESSMENT,
    try_cast({{ clean_text('SUBSTANCE_MISUSE') }} as integer) as SUBSTANCE_MISUSE,
    try_cast({{ clean_text('INTERVENTION_RECEIVED') }} as integer) as INTERVENTION_RECEIVED,
    try_cast({{ clean_text('INTERVENTION_OFFERED') }} as integer) as INTERVENTION_OFFERED,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'oc2') }}
