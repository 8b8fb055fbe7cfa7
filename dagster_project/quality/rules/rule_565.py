"""DfE rule 565. An incident with a start date needs its type."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="565",
    message=(
        "The date that the child started to be missing or away from placement without "
        "authorisation has been completed but whether the child was missing or away from "
        "placement without authorisation has not been completed."
    ),
    table="missing",
    fields=("MISSING", "MIS_START"),
    severity=WARNING,
    sql="""
        select CHILD, MISSING, MIS_START, _source_file, _row_number
        from {missing}
        where MIS_START is not null
          and MISSING is null
    """,
)
