"""DfE rule 204. A child's ethnic origin does not change between returns."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.links import differs_from_last_year

RULE = Rule(
    code="204",
    message=(
        "Ethnic origin code disagrees with the ethnic origin already recorded for this child."
    ),
    table="header",
    fields=("ETHNIC",),
    severity=WARNING,
    sql=differs_from_last_year("upper(h.ETHNIC) is distinct from upper(l.ETHNIC)", "h.ETHNIC"),
)
