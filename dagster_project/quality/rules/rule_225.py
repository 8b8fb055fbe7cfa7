"""DfE rule 225. A move from one placement to another (an X1 end followed by a new placement,
RNE P, B, T or U) needs its reason; moves into or out of a temporary placement (T0-T4) do
not count. A child's episodes are taken in start order.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="225",
    message="Reason for placement change must be recorded.",
    table="episodes",
    fields=("REC", "REASON_PLACE_CHANGE", "PLACE", "NEXT_RNE", "NEXT_PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, REC, REASON_PLACE_CHANGE, PLACE, NEXT_RNE, NEXT_PLACE,
            _source_file, _row_number
        from (
            select *,
                lead(RNE) over w as NEXT_RNE,
                lead(PLACE) over w as NEXT_PLACE,
                lead(_row_number) over w as NEXT_ROW
            from {episodes}
            where CHILD is not null
            window w as (partition by CHILD order by DECOM nulls last, _row_number)
        )
        where NEXT_ROW is not null
          and REC = 'X1' and REASON_PLACE_CHANGE is null
          and coalesce(PLACE not in ('T0', 'T1', 'T2', 'T3', 'T4'), true)
          and NEXT_RNE in ('P', 'B', 'T', 'U')
          and coalesce(NEXT_PLACE not in ('T0', 'T1', 'T2', 'T3', 'T4'), true)
    """,
)
