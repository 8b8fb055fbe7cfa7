"""DfE rule 452. As 503H, for a child whose first episode this year has the same reason for new
episode as last year's last episode, left open (no DEC given): the placement LA (derived
from the placement postcode) is the same, blank equal to blank.
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="452",
    message=(
        "Contradiction between local authority of placement code in the last episode of the "
        "previous year and in the first episode of the current year."
    ),
    table="episodes",
    fields=("RNE", "PL_LA", "LAST_PL_LA"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.RNE, f.PL_LA, l.PL_LA as LAST_PL_LA",
        "f.RNE = l.RNE and f.PL_LA is distinct from l.PL_LA",
        last_open="l.DEC_text is null",
    ),
)
