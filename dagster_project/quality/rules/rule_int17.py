"""DfE rule INT17. The Reviews file's date of birth is the header's."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import dob_differs_from_header

RULE = Rule(
    code="INT17",
    message="Internal Check: DOB in Reviews is different to DOB in Header.",
    table="reviews",
    fields=("DOB",),
    severity=WARNING,
    sql=dob_differs_from_header("reviews"),
)
