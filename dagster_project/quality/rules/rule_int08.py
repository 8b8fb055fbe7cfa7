"""DfE rule INT08. A child in the Reviews file must be in the header."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import child_not_in_header

RULE = Rule(
    code="INT08",
    message="Internal Check: Child in Reviews does not exist in Header.",
    table="reviews",
    fields=("CHILD",),
    severity=WARNING,
    sql=child_not_in_header("reviews"),
)
