"""DfE rule 574. A child's missing or away-without-authorisation periods do not overlap, and a
new one does not start while the previous one is open. Periods are taken in order of their
end (an open one at its start), then start; a period is flagged when the one before it is
open (no end, or an end that is not a date) or ends after it starts.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="574",
    message=(
        "A new missing/away from placement without authorisation period cannot start when the "
        "previous missing/away from placement without authorisation period is still open. "
        "Missing/away from placement without authorisation periods should also not overlap."
    ),
    table="missing",
    fields=("MIS_START", "MIS_END", "PREV_MIS_START", "PREV_MIS_END"),
    severity=WARNING,
    sql="""
        select CHILD, MIS_START, MIS_END, PREV_MIS_START, PREV_MIS_END,
            _source_file, _row_number
        from (
            select *,
                lag(_row_number) over w as PREV_ROW,
                lag(MIS_START) over w as PREV_MIS_START,
                lag(MIS_END) over w as PREV_MIS_END
            from {missing}
            where CHILD is not null
            window w as (
                partition by CHILD
                order by coalesce(MIS_END, MIS_START) nulls last, MIS_START nulls last,
                    _row_number
            )
        )
        where PREV_ROW is not null and (PREV_MIS_END is null or MIS_START < PREV_MIS_END)
    """,
)
