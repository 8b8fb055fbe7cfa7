"""DfE rule 586. An incident cannot start before the child was born."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="586",
    message="Dates of missing periods are before child’s date of birth.",
    table="missing",
    fields=("MIS_START", "DOB"),
    severity=WARNING,
    sql="""
        select CHILD, MIS_START, DOB, _source_file, _row_number
        from {missing}
        where MIS_START <= DOB
    """,
)
