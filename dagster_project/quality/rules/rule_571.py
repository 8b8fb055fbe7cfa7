"""DfE rule 571. An incident ending outside the year does not belong in its return."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="571",
    message=(
        "The date that the child ceased to be missing or away from placement without "
        "authorisation is before the start or after the end of the collection year."
    ),
    table="missing",
    fields=("MIS_END",),
    severity=WARNING,
    sql="""
        select CHILD, MIS_END, _source_file, _row_number
        from {missing}
        where MIS_END < {collection_start}
          or MIS_END > {collection_end}
    """,
)
