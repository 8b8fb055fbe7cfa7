"""DfE rule 1006. A missing type other than M or A breaks the missing and away indicators."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="1006",
    message="Missing type invalid.",
    table="missing",
    fields=("MISSING",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, MISSING, _source_file, _row_number
        from {missing}
        where MISSING is not null
          and MISSING not in {codes:MISSING}
    """,
)
