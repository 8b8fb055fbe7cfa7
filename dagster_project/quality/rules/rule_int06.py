"""DfE rule INT06. A child in the OC3 file must be in the header."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import child_not_in_header

RULE = Rule(
    code="INT06",
    message="Internal Check: Child in OC3 does not exist in Header.",
    table="oc3",
    fields=("CHILD",),
    severity=WARNING,
    sql=child_not_in_header("oc3"),
)
