"""DfE rule 566. An incident with an end date needs its type."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="566",
    message=(
        "The date that the child's episode of being missing or away from placement "
        "without authorisation ended has been completed but whether the child was missing"
        " or away without authorisation has not been completed."
    ),
    table="missing",
    fields=("MISSING", "MIS_END"),
    severity=WARNING,
    sql="""
        select CHILD, MISSING, MIS_END, _source_file, _row_number
        from {missing}
        where MIS_END is not null
          and MISSING is null
    """,
)
