"""DfE rule 503F. An episode open at the end of last year's return continues into this year's:
the child's first episode this year has the same Ofsted URN as last year's last episode when
that one had no end date (a DEC that is not a date counts as none; blank equals blank).
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="503F",
    message="The Ofsted URN in the  first episode does not match open episode at end of last year.",
    table="episodes",
    fields=("URN", "LAST_URN"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.URN, l.URN as LAST_URN",
        "f.URN is distinct from l.URN",
    ),
)
