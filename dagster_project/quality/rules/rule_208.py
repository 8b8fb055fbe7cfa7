"""DfE rule 208. A child's UPN does not change between returns, except from unknown: blank
or UN1 last year to UN2-UN5, or from blank or any UN code to a real UPN. Blank in both
years is rule 442's."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import differs_from_last_year

_UNKNOWN = "('UN1', 'UN2', 'UN3', 'UN4', 'UN5')"
_CHANGED = f"""
    upper(h.UPN) is distinct from upper(l.UPN)
    and not (coalesce(upper(l.UPN), 'UN1') = 'UN1'
             and coalesce(upper(h.UPN) in ('UN2', 'UN3', 'UN4', 'UN5'), false))
    and not (coalesce(upper(l.UPN) in {_UNKNOWN}, true)
             and h.UPN is not null and upper(h.UPN) not in {_UNKNOWN})
"""

RULE = Rule(
    code="208",
    message=(
        "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil "
        "Number (UPN) already recorded for this child."
    ),
    table="header",
    fields=("UPN",),
    severity=WARNING,
    sql=differs_from_last_year(_CHANGED, "h.UPN"),
)
