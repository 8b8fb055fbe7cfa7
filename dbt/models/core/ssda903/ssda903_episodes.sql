-- SSDA903 episodes of the run's source (var source_system): derived from the Mosaic extract
-- or combined from the 903 years. Both derivations are always in the lineage; the var only
-- filters which one fills the table.
select
    CHILD,
    DECOM,
    RNE,
    LS,
    CIN,
    PLACE,
    PLACE_PROVIDER,
    DEC,
    REC,
    REASON_PLACE_CHANGE,
    HOME_POST,
    PL_POST,
    URN,
    'mosaic' as source_system,
    cast(null as integer) as collection_year,
    _source_file,
    _row_number
from {{ ref('int_mosaic__episodes') }}
where '{{ var("source_system") }}' = 'mosaic'

union all

select
    CHILD,
    DECOM,
    RNE,
    LS,
    CIN,
    PLACE,
    PLACE_PROVIDER,
    DEC,
    REC,
    REASON_PLACE_CHANGE,
    HOME_POST,
    PL_POST,
    URN,
    'ssda903' as source_system,
    collection_year,
    _source_file,
    _row_number
from {{ ref('int_ssda903__episodes') }}
where '{{ var("source_system") }}' = 'ssda903'
