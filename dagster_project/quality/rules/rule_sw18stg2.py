"""DfE rule SW18STG2 (from 2025-26). A social worker episode ends after it starts."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW18STG2",
    message="The end date of the social worker episode is before the start date",
    table="sw_episodes",
    fields=("SW_DEC", "SW_DECOM"),
    severity=WARNING,
    sql="""
        select CHILD, SW_DEC, SW_DECOM, _source_file, _row_number
        from {sw_episodes}
        where SW_DEC <= SW_DECOM
    """,
    first_year=2026,
)
