"""DfE rule 567. An incident cannot end before it started."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="567",
    message=(
        "The date that the missing episode or episode that the child was away from "
        "placement without authorisation ended is before the date that it started."
    ),
    table="missing",
    fields=("MIS_START", "MIS_END"),
    severity=WARNING,
    sql="""
        select CHILD, MIS_START, MIS_END, _source_file, _row_number
        from {missing}
        where MIS_END < MIS_START
    """,
)
