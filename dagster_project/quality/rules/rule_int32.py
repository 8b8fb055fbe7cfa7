"""DfE rule INT32. A child twice in one year's header: a duplicate key, every join to it
doubles.
"""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="INT32",
    message="Internal Check: Child should only exist once in Header.",
    table="header",
    fields=("CHILD",),
    severity=BLOCKING,
    sql="""
        select trim(CHILD) as CHILD, _source_file, _row_number from {raw_header}
        where trim(CHILD) in (
        select trim(CHILD) from {raw_header} group by trim(CHILD) having count(*) > 1
        )
    """,
)
