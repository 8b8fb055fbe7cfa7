"""DfE rule 704 (from 2026-27). A DoLO that ended, ended in the collection year (one that
ended earlier is not in this year's return)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="704",
    message=(
        "The date that the DoLO ended is before the start or after the end of the collection year."
    ),
    table="dolo",
    fields=("DOLO_END",),
    severity=WARNING,
    sql="""
        select CHILD, DOLO_END, _source_file, _row_number
        from {dolo}
        where DOLO_END < {collection_start} or DOLO_END > {collection_end}
    """,
    first_year=2027,
)
