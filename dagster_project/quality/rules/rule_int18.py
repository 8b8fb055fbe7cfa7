"""DfE rule INT18. The UASC file's date of birth is the header's."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import dob_differs_from_header

RULE = Rule(
    code="INT18",
    message="Internal Check: DOB in UASC is different to DOB in Header.",
    table="uasc",
    fields=("DOB",),
    severity=WARNING,
    sql=dob_differs_from_header("uasc"),
)
