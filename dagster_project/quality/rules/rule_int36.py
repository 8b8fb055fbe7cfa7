"""DfE rule INT36. A child twice in one year's UASC table: a duplicate key."""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="INT36",
    message="Internal Check: Child should only exist once in UASC.",
    table="uasc",
    fields=("CHILD",),
    severity=BLOCKING,
    sql="""
        select trim(CHILD) as CHILD, _source_file, _row_number from {raw_uasc}
        where trim(CHILD) in (
        select trim(CHILD) from {raw_uasc} group by trim(CHILD) having count(*) > 1
        )
    """,
)
