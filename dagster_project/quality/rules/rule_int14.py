"""DfE rule INT14. The OC2 file's date of birth is the header's."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import dob_differs_from_header

RULE = Rule(
    code="INT14",
    message="Internal Check: DOB in OC2 is different to DOB in Header.",
    table="oc2",
    fields=("DOB",),
    severity=WARNING,
    sql=dob_differs_from_header("oc2"),
)
