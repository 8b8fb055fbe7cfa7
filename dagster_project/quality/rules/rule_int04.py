"""DfE rule INT04. A child in the Missing file must be in the header."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import child_not_in_header

RULE = Rule(
    code="INT04",
    message="Internal Check: Child in Missing does not exist in Header.",
    table="missing",
    fields=("CHILD",),
    severity=WARNING,
    sql=child_not_in_header("missing"),
)
