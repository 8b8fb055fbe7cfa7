"""DfE rule INT02. A PlacedAdoption row for a child the header does not list: the child's
date of birth and other details are unknown to DfE."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="INT02",
    message="Internal Check: Child in PlacedAdoption does not exist in Header.",
    table="placed_for_adoption",
    fields=("CHILD",),
    severity=WARNING,
    sql="""
        select CHILD, _source_file, _row_number from {placed_for_adoption}
        where CHILD is null or CHILD not in (select CHILD from {header} where CHILD is not null)
    """,
)
