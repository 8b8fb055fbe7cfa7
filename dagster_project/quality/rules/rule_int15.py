"""DfE rule INT15. The OC3 file's date of birth is the header's."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import dob_differs_from_header

RULE = Rule(
    code="INT15",
    message="Internal Check: DOB in OC3 is different to DOB in Header.",
    table="oc3",
    fields=("DOB",),
    severity=WARNING,
    sql=dob_differs_from_header("oc3"),
)
