"""DfE rule 633. The authority that arranged the previous permanence order (LA_PERM): an
English authority's DfE 3-digit code, current or since abolished (an order may predate a
reorganisation), from the local authority reference (dbt/seeds/reference/
local_authorities.csv), or a code of the year's LA_PERM list (Wales, Scotland, Northern
Ireland, outside the UK, not known).

The validator's own list lacks the authorities created since 2019 (Dorset 838,
Bournemouth, Christchurch and Poole 839, North and West Northamptonshire 940 and 941,
Cumberland 942, Westmorland and Furness 943): their codes are valid DfE codes, so we
accept them. No fixture of the validator holds one.
"""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.reference.local_authorities import local_authorities
from dagster_project.sql_text import literal

_ENGLISH = ", ".join(
    sorted({literal(la.old_la_code) for la in local_authorities() if la.old_la_code})
)

RULE = Rule(
    code="633",
    message=(
        "Local authority code where previous permanence option was arranged is not a valid value."
    ),
    table="previous_permanence",
    fields=("LA_PERM",),
    severity=WARNING,
    sql=f"""
        select CHILD, LA_PERM, _source_file, _row_number
        from {{previous_permanence}}
        where LA_PERM is not null
          and LA_PERM not in ({_ENGLISH})
          and LA_PERM not in {{codes:LA_PERM}}
    """,
)
