"""DfE rule 503G. An episode open at the end of last year's return continues into this year's:
the child's first episode this year has the distance (derived from the postcodes) of last
year's last episode when that one had no end date, within 0.2 miles; a distance this year
where last year had none differs too.
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="503G",
    message="The distance in first episode does not match open episode at end of last year.",
    table="episodes",
    fields=("PL_DISTANCE", "LAST_PL_DISTANCE"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.PL_DISTANCE, l.PL_DISTANCE as LAST_PL_DISTANCE",
        "abs(f.PL_DISTANCE - l.PL_DISTANCE) >= 0.2"
        " or (l.PL_DISTANCE is null and f.PL_DISTANCE is not null)",
    ),
)
