"""DfE rule 503E. An episode open at the end of last year's return continues into this year's:
the child's first episode this year has the same placement provider as last year's last
episode when that one had no end date (a DEC that is not a date counts as none; blank equals
blank).
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="503E",
    message=(
        "The placement provider in the first episode does not match open episode at end of last "
        "year."
    ),
    table="episodes",
    fields=("PLACE_PROVIDER", "LAST_PLACE_PROVIDER"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.PLACE_PROVIDER, l.PLACE_PROVIDER as LAST_PLACE_PROVIDER",
        "f.PLACE_PROVIDER is distinct from l.PLACE_PROVIDER",
    ),
)
