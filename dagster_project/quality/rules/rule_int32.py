"""DfE rule INT32. A child twice in one year's header: a duplicate key, every join to it
doubles.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="INT32",
    message="Internal Check: Child should only exist once in Header.",
    table="header",
    fields=("CHILD",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, _source_file, _row_number from {header}
        where CHILD in (select CHILD from {header} group by CHILD having count(*) > 1)
    """,
)
