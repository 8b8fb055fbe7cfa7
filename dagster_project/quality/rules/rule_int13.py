"""DfE rule INT13. The Missing file's date of birth is the header's."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import dob_differs_from_header

RULE = Rule(
    code="INT13",
    message="Internal Check: DOB in Missing is different to DOB in Header.",
    table="missing",
    fields=("DOB",),
    severity=WARNING,
    sql=dob_differs_from_header("missing"),
)
