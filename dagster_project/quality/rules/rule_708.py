"""DfE rule 708 (from 2026-27). A DoLO starts after the child was born."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="708",
    message="Dates of DoLOs are before child’s date of birth.",
    table="dolo",
    fields=("DOLO_START", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, DOLO_START, DOB, _source_file, _row_number
        from {dolo}
        where DOLO_START <= DOB
    """,
    first_year=2027,
)
