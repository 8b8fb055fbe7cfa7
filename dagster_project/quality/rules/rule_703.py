"""DfE rule 703 (from 2026-27). A DoLO of the return started by the end of the year."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="703",
    message="The date that the DoLO started is after the end of the collection year.",
    table="dolo",
    fields=("DOLO_START",),
    severity=WARNING,
    sql="""
        select CHILD, DOLO_START, _source_file, _row_number
        from {dolo}
        where DOLO_START > {collection_end}
    """,
    first_year=2027,
)
