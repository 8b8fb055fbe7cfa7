"""DfE rule INT01. A AD1 row for a child the header does not list: the child's
date of birth and other details are unknown to DfE."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="INT01",
    message="Data Integrity Check: Child in AD1 does not exist in Header.",
    table="ad1",
    fields=("CHILD",),
    severity=WARNING,
    sql="""
        select CHILD, _source_file, _row_number from {ad1}
        where CHILD is null or CHILD not in (select CHILD from {header} where CHILD is not null)
    """,
)
