"""DfE rule 453. As 503G, for a child whose first episode this year has the same reason for new
episode as last year's open last episode: the distance (derived from the postcodes) agrees
within 0.2 miles, and is not given this year where last year had none.
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="453",
    message=(
        "Contradiction between placement distance in the last episode of the previous year and "
        "in the first episode of the current year."
    ),
    table="episodes",
    fields=("RNE", "PL_DISTANCE", "LAST_PL_DISTANCE"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.RNE, f.PL_DISTANCE, l.PL_DISTANCE as LAST_PL_DISTANCE",
        "f.RNE = l.RNE and (abs(f.PL_DISTANCE - l.PL_DISTANCE) >= 0.2"
        " or (l.PL_DISTANCE is null and f.PL_DISTANCE is not null))",
    ),
)
