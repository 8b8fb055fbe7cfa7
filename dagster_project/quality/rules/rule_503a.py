"""DfE rule 503A. An episode open at the end of last year's return continues into this year's:
the child's first episode this year has the same reason for new episode as last year's last
episode when that one had no end date (a DEC that is not a date counts as none; blank equals
blank).
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="503A",
    message=(
        "The reason for new episode in the first episode does not match open episode at end of "
        "last year."
    ),
    table="episodes",
    fields=("RNE", "LAST_RNE"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.RNE, l.RNE as LAST_RNE",
        "f.RNE is distinct from l.RNE",
    ),
)
