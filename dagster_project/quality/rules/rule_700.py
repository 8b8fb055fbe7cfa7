"""DfE rule 700 (from 2026-27). A deprivation of liberty order (DoLO) has a start date that
is a date; blank is no date either."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="700",
    message="The start date of the DoLO is not a valid date.",
    table="dolo",
    fields=("DOLO_START",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DOLO_START_text as DOLO_START, _source_file, _row_number
        from {dolo}
        where DOLO_START is null
    """,
    first_year=2027,
)
