"""DfE rule 624. The date of birth of a mother's first child, once recorded, does not change
(nor disappear). Two dates are compared as dates, anything else as written."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import differs_from_last_year

_CHANGED = """
    l.MC_DOB_text is not null
    and case when h.MC_DOB is not null and l.MC_DOB is not null then h.MC_DOB <> l.MC_DOB
             else h.MC_DOB_text is distinct from l.MC_DOB_text end
"""

RULE = Rule(
    code="624",
    message=(
        "Date of birth of the first child contradicts the date of birth of the first child "
        "previously recorded."
    ),
    table="header",
    fields=("MC_DOB",),
    severity=WARNING,
    sql=differs_from_last_year(_CHANGED, "h.MC_DOB_text as MC_DOB"),
)
