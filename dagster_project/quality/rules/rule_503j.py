"""DfE rule 503J. An episode open at the end of last year's return continues into this year's:
the child's first episode this year has the same placement location, IN or OUT of the LA
(derived from the placement postcode) as last year's last episode when that one had no end
date (a DEC that is not a date counts as none; blank equals blank).
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="503J",
    message=(
        "The placement location in first episode does not match open episode at end of last year."
    ),
    table="episodes",
    fields=("PL_LOCATION", "LAST_PL_LOCATION"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.PL_LOCATION, l.PL_LOCATION as LAST_PL_LOCATION",
        "f.PL_LOCATION is distinct from l.PL_LOCATION",
    ),
)
