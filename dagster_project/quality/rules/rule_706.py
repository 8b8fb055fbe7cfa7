"""DfE rule 706 (from 2026-27). A DoLO still open at the end of last year's return carries
on into this year's, with the same start date. Last year's open DoLO is reported (the row
this year's return lacks cannot be); it needs last year's return."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="706",
    message=(
        "There is an open DoLO in last year’s return and there is no corresponding DoLO "
        "recorded at the start of this year.."
    ),
    table="dolo",
    fields=("DOLO_START",),
    severity=WARNING,
    table_column=True,
    sql="""
        select 'dolo_last' as _table, l.CHILD, l.DOLO_START_text as DOLO_START,
            l._source_file, l._row_number
        from {dolo_last} l
        anti join {dolo} t on t.CHILD = l.CHILD
            and coalesce(cast(t.DOLO_START as varchar), t.DOLO_START_text)
                = coalesce(cast(l.DOLO_START as varchar), l.DOLO_START_text)
        where l.DOLO_END_text is null
    """,
    first_year=2027,
)
