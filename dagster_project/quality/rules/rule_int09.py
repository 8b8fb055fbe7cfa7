"""DfE rule INT09. A child in the UASC file must be in the header."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import child_not_in_header

RULE = Rule(
    code="INT09",
    message="Internal Check: Child in UASC does not exist in Header.",
    table="uasc",
    fields=("CHILD",),
    severity=WARNING,
    sql=child_not_in_header("uasc"),
)
