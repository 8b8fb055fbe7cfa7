"""DfE rule 385. An episode ending after the collection year does not belong in its return."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="385",
    message="Date episode ceased must be on or before the end of the current collection year.",
    table="episodes",
    fields=("DEC",),
    severity=WARNING,
    sql="""
        select CHILD, DEC, _source_file, _row_number
        from {episodes}
        where DEC > {collection_end}
    """,
)
