"""DfE rule INT36. A child twice in one year's UASC table: a duplicate key."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="INT36",
    message="Internal Check: Child should only exist once in UASC.",
    table="uasc",
    fields=("CHILD",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, _source_file, _row_number from {uasc}
        where CHILD in (select CHILD from {uasc} group by CHILD having count(*) > 1)
    """,
)
