"""DfE rule 353. The Children Act 1989 came into force on 14 October 1991."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="353",
    message="No episode submitted can start before 14 October 1991.",
    table="episodes",
    fields=("DECOM",),
    severity=WARNING,
    sql="""
        select CHILD, DECOM, _source_file, _row_number
        from {episodes}
        where DECOM < DATE '1991-10-14'
    """,
)
