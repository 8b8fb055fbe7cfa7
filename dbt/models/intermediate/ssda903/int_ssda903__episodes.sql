-- One episode history from every collection year supplied (spec/inputs.md §2 and
-- indicators.md "Resolved details"): for the same (CHILD, DECOM) the latest collection
-- year's row wins (within one year, the later row of the file). An episode left open in an
-- earlier year and never re-sent stays open. A REC on an episode with a blank DEC is
-- ignored (set null). Rows without CHILD or DECOM are not episodes: int_source_rows_excluded
-- reports them.
select
    CHILD,
    DECOM,
    RNE,
    LS,
    CIN,
    PLACE,
    PLACE_PROVIDER,
    DEC,
    case when DEC is not null then REC end as REC,
    REASON_PLACE_CHANGE,
    HOME_POST,
    PL_POST,
    URN,
    collection_year,
    _source_file,
    _row_number
from {{ ref('stg_ssda903__episodes') }}
where CHILD is not null and DECOM is not null
qualify row_number() over (
    partition by CHILD, DECOM
    order by collection_year desc nulls last, _source_file desc, _row_number desc
) = 1
