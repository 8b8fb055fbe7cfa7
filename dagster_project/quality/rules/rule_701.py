"""DfE rule 701 (from 2026-27). A DoLO's end date, when given, is a date (blank: still in
force)."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="701",
    message="The end date of the DoLO is not a valid date.",
    table="dolo",
    fields=("DOLO_END",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DOLO_END_text as DOLO_END, _source_file, _row_number
        from {dolo}
        where dq_bad_date(DOLO_END_text)
    """,
    first_year=2027,
)
