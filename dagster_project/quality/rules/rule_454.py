"""DfE rule 454. A placement over 350 miles from home is almost always a wrong postcode.
New in 2025-26. PL_DISTANCE is derived from the two postcodes (ONS postcode directory), as
the validator derives it; 999.9 is DfE's "not known".
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="454",
    message=(
        "Placement distance from home is over 350 miles. [NOTE: This check will result in"
        " false positives for children formerly UASC not identified as such in loaded "
        "data]"
    ),
    table="episodes",
    fields=("HOME_POST", "PL_POST", "PL_DISTANCE"),
    severity=WARNING,
    first_year=2026,
    sql="""
        select CHILD, HOME_POST, PL_POST, PL_DISTANCE, _source_file, _row_number
        from {episodes}
        where PL_DISTANCE > 350 and PL_DISTANCE <> 999.9
    """,
)
