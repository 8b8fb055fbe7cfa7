"""DfE rule 626. A child who was not a mother last year, and is one now, had her first child
during this year: a first child born before the year started contradicts last year's
return."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import differs_from_last_year

_CONTRADICTS = """
    try_cast(h.MOTHER as double) = 1 and try_cast(l.MOTHER as double) = 0
    and h.MC_DOB < {collection_start}
"""

RULE = Rule(
    code="626",
    message=(
        "Child was reported as a mother but the date of birth of the first child is before "
        "the current year which contradicts with the mother status recorded last year."
    ),
    table="header",
    fields=("MOTHER", "MC_DOB"),
    severity=WARNING,
    sql=differs_from_last_year(_CONTRADICTS, "h.MOTHER, h.MC_DOB"),
)
