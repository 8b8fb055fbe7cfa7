"""DfE rule 503B. An episode open at the end of last year's return continues into this year's:
the child's first episode this year has the same legal status as last year's last episode
when that one had no end date (a DEC that is not a date counts as none; blank equals blank).
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="503B",
    message=(
        "The legal status in the first episode does not match open episode at end of last year."
    ),
    table="episodes",
    fields=("LS", "LAST_LS"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.LS, l.LS as LAST_LS",
        "f.LS is distinct from l.LS",
    ),
)
