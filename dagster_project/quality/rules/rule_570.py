"""DfE rule 570. An incident starting after the year does not belong in its return."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="570",
    message=(
        "The date that the child started to be missing or away from placement without "
        "authorisation is after the end of the collection year."
    ),
    table="missing",
    fields=("MIS_START",),
    severity=WARNING,
    sql="""
        select CHILD, MIS_START, _source_file, _row_number
        from {missing}
        where MIS_START > {collection_end}
    """,
)
