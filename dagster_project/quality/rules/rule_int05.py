"""DfE rule INT05. A child in the OC2 file must be in the header."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import child_not_in_header

RULE = Rule(
    code="INT05",
    message="Internal Check: Child in OC2 does not exist in Header.",
    table="oc2",
    fields=("CHILD",),
    severity=WARNING,
    sql=child_not_in_header("oc2"),
)
