"""DfE rule INT33. A child twice in one year's OC2: a duplicate key."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="INT33",
    message="Internal Check: Child should only exist once in OC2.",
    table="oc2",
    fields=("CHILD",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, _source_file, _row_number from {oc2}
        where CHILD in (select CHILD from {oc2} group by CHILD having count(*) > 1)
    """,
)
