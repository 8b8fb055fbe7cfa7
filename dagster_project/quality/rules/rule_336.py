"""DfE rule 336. A child placed for adoption (A3, A4) comes from a foster or adoption placement
(A3-A6, U1-U6), unless it is the child's first episode of the return. A child's episodes are
taken in start order.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="336",
    message=(
        "Child does not have a foster placement immediately prior to being placed for adoption."
    ),
    table="episodes",
    fields=("PLACE", "PREV_PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, PREV_PLACE, _source_file, _row_number
        from (
            select *,
                lag(PLACE) over w as PREV_PLACE,
                row_number() over w as EPISODE_NO
            from {episodes}
            where CHILD is not null
            window w as (partition by CHILD order by DECOM nulls last, _row_number)
        )
        where EPISODE_NO > 1 and PLACE in ('A3', 'A4')
          and coalesce(PREV_PLACE not in (
              'A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'), true)
    """,
)
