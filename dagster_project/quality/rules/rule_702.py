"""DfE rule 702 (from 2026-27). A DoLO ends after the day it started."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="702",
    message="The date that the DoLO ended is before the date that it started.",
    table="dolo",
    fields=("DOLO_START", "DOLO_END"),
    severity=WARNING,
    sql="""
        select CHILD, DOLO_START, DOLO_END, _source_file, _row_number
        from {dolo}
        where DOLO_END <= DOLO_START
    """,
    first_year=2027,
)
