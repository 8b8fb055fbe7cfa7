"""DfE rule 1004. A missing start that is not a date."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="1004",
    message=(
        "The start date of the missing episode or episode that the child was away from "
        "placement without authorisation is not a valid date."
    ),
    table="missing",
    fields=("MIS_START",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, MIS_START_text as MIS_START, _source_file, _row_number
        from {missing}
        where MIS_START is null
    """,
)
