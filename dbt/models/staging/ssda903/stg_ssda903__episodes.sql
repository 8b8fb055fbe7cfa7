{{ config(materialized='view') }}

-- Episodes of every collection year, as given (combining years happens in intermediate).
select
    {{ clean_text('CHILD') }} as CHILD,
    {{ parse_date('DECOM') }} as DECOM,
    {{ clean_code('RNE') }} as RNE,
    {{ clean_code('LS') }} as LS,
    {{ clean_code('CIN') }} as CIN,
    {{ clean_code('PLACE') }} as PLACE,
    {{ clean_code('PLACE_PROVIDER') }} as PLACE_PROVIDER,
    {{ parse_date('DEC') }} as DEC,
    {{ clean_code('REC') }} as REC,
    {{ clean_code('REASON_PLACE_CHANGE') }} as REASON_PLACE_CHANGE,
    {{ clean_code('HOME_POST') }} as HOME_POST,
    {{ clean_code('PL_POST') }} as PL_POST,
    {{ clean_code('URN') }} as URN,
    try_cast(_batch as integer) as collection_year,
    _source_file,
    _row_number
from {{ source('ssda903', 'episodes') }}
