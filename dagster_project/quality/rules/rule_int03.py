"""DfE internal check INT03. Every child with episodes has a header row."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="INT03",
    message="Internal Check: Child in Episodes does not exist in Header.",
    table="episodes",
    fields=("CHILD",),
    severity=WARNING,
    sql="""
        select e.CHILD, e._source_file, e._row_number
        from {episodes} as e
        where not exists (
            select 1 from {header} as h where h.CHILD is not distinct from e.CHILD
        )
    """,
)
