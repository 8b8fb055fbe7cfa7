"""DfE rule INT35. A child twice in one year's PrevPerm file: a duplicate key, DfE keeps
one PrevPerm record per child."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="INT35",
    message="Internal Check: Child should only exist once in PrevPerm.",
    table="previous_permanence",
    fields=("CHILD",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, _source_file, _row_number from {previous_permanence}
        where CHILD in (select CHILD from {previous_permanence} group by CHILD having count(*) > 1)
    """,
)
