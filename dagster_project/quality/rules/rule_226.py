"""DfE rule 226. A temporary placement (T0-T4) is not a placement change: neither it nor the
episode before it records a reason for placement change. A child's episodes are taken in
start order. DfE reworded the message in 2025-26.
"""

from dagster_project.quality.rule import WARNING, Rule

_SQL = """
    select CHILD, PLACE, REASON_PLACE_CHANGE, PREV_REASON_PLACE_CHANGE, _source_file, _row_number
    from (
        select *,
            case when CHILD is not null then lag(REASON_PLACE_CHANGE) over (
                partition by CHILD order by DECOM nulls last, _row_number)
            end as PREV_REASON_PLACE_CHANGE
        from {episodes}
    )
    where PLACE in ('T0', 'T1', 'T2', 'T3', 'T4')
      and (REASON_PLACE_CHANGE is not null or PREV_REASON_PLACE_CHANGE is not null)
"""
RULES = (
    Rule(
        code="226",
        message="Reason for placement change is not required.",
        table="episodes",
        fields=("PLACE", "REASON_PLACE_CHANGE", "PREV_REASON_PLACE_CHANGE"),
        severity=WARNING,
        sql=_SQL,
        last_year=2025,
    ),
    Rule(
        code="226",
        message="Reason for placement change is not required for temporary placements.",
        table="episodes",
        fields=("PLACE", "REASON_PLACE_CHANGE", "PREV_REASON_PLACE_CHANGE"),
        severity=WARNING,
        sql=_SQL,
        first_year=2026,
    ),
)
