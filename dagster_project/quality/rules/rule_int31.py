"""DfE rule INT31. A child twice in one year's AD1 file: a duplicate key, DfE keeps
one AD1 record per child."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="INT31",
    message="Internal Check: Child should only exist once in AD1.",
    table="ad1",
    fields=("CHILD",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, _source_file, _row_number from {ad1}
        where CHILD in (select CHILD from {ad1} group by CHILD having count(*) > 1)
    """,
)
