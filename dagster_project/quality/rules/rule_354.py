"""DfE rule 354. An episode starting after the collection year does not belong in its return."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="354",
    message="Date episode ceased must be on or before the end of the current collection year.",
    table="episodes",
    fields=("DECOM",),
    severity=WARNING,
    sql="""
        select CHILD, DECOM, _source_file, _row_number
        from {episodes}
        where DECOM > {collection_end}
    """,
)
