"""DfE rule 203. A child's date of birth does not change between returns."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import differs_from_last_year

RULE = Rule(
    code="203",
    message="Date of birth disagrees with the date of birth already recorded for this child.",
    table="header",
    fields=("DOB",),
    severity=WARNING,
    sql=differs_from_last_year("h.DOB is distinct from l.DOB", "h.DOB_text as DOB"),
)
