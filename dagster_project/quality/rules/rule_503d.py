"""DfE rule 503D. An episode open at the end of last year's return continues into this year's:
the child's first episode this year has the same placement type as last year's last episode
when that one had no end date (a DEC that is not a date counts as none; blank equals blank).
Where DfE replaced a code, the new code continues the old one in the years of the change: H5
to K3 in 2023-24 and 2024-25, Z1 to Z11-Z14 in 2025-26 (the validator's exceptions, by
collection year).
"""

from dagster_project.quality.episode_sql import against_last_year
from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="503D",
    message=(
        "The placement type in the first episode does not match open episode at end of last year"
    ),
    table="episodes",
    fields=("PLACE", "LAST_PLACE"),
    severity=WARNING,
    sql=against_last_year(
        "f.CHILD, f.PLACE, l.PLACE as LAST_PLACE",
        """f.PLACE is distinct from l.PLACE
        and not ({collection_year} in (2024, 2025) and l.PLACE = 'H5' and f.PLACE = 'K3')
        and not ({collection_year} = 2026 and l.PLACE = 'Z1'
                 and f.PLACE in ('Z11', 'Z12', 'Z13', 'Z14'))""",
    ),
)
