"""DfE rule INT34. A child twice in one year's OC3: a duplicate key."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="INT34",
    message="Internal Check: Child should only exist once in OC3.",
    table="oc3",
    fields=("CHILD",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, _source_file, _row_number from {oc3}
        where CHILD in (select CHILD from {oc3} group by CHILD having count(*) > 1)
    """,
)
