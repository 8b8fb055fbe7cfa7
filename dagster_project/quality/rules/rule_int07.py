"""DfE rule INT07. A PrevPerm row for a child the header does not list: the child's
date of birth and other details are unknown to DfE."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="INT07",
    message="Internal Check: Child in PrevPerm does not exist in Header.",
    table="previous_permanence",
    fields=("CHILD",),
    severity=WARNING,
    sql="""
        select CHILD, _source_file, _row_number from {previous_permanence}
        where CHILD is null or CHILD not in (select CHILD from {header} where CHILD is not null)
    """,
)
