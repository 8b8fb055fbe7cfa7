"""DfE rule 705 (from 2026-27). A child's DoLOs do not overlap: in order (by end, an open
one by its start, then start), each starts on or after the previous one's end, and only
the last may be open. A DoLO after one with no end (or an end that is not a date) is
reported, as DfE's validator reads it."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="705",
    message="A DoLO cannot start when the previous DoLO is still open.",
    table="dolo",
    fields=("DOLO_START", "DOLO_END", "PREVIOUS_END"),
    severity=WARNING,
    sql="""
        select CHILD, DOLO_START, DOLO_END, PREVIOUS_END, _source_file, _row_number
        from (
            select *, lag(DOLO_END) over w as PREVIOUS_END, row_number() over w as ORDER_NO
            from {dolo}
            window w as (partition by CHILD order by coalesce(DOLO_END, DOLO_START) nulls last,
                         DOLO_START nulls last, _row_number)
        )
        where ORDER_NO > 1 and (PREVIOUS_END is null or DOLO_START < PREVIOUS_END)
    """,
    first_year=2027,
)
