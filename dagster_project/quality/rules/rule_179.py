"""DfE rule 179. PL_LOCATION (IN or OUT of the LA) is derived from the placement postcode:
blank when the postcode is missing or not found. Short breaks (V3, V4) carry none.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="179",
    message="Placement location code is not a valid code.",
    table="episodes",
    fields=("LS", "PL_POST", "PL_LOCATION"),
    severity=WARNING,
    sql="""
        select CHILD, LS, PL_POST, PL_LOCATION, _source_file, _row_number
        from {episodes}
        where coalesce(LS not in ('V3', 'V4'), true) and PL_LOCATION is null
    """,
)
