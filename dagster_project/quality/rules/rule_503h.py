"""DfE rule 503H. An episode open at the end of last year's return continues into this year's:
the child's first episode this year has the same placement LA (derived from the placement
postcode) as last year's last episode when that one had no end date (a DEC that is not a
date counts as none; blank equals blank).
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="503H",
    message="The placement LA in first episode does not match open episode at end of last year.",
    table="episodes",
    fields=("PL_LA", "LAST_PL_LA"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.PL_LA, l.PL_LA as LAST_PL_LA",
        "f.PL_LA is distinct from l.PL_LA",
    ),
)
