"""DfE rule SW03STG1 (2023-24). Every social worker episode gives the social worker's ID,
the start date and the reason for change."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW03STG1",
    message="For each social worker episode, information should be complete.",
    table="sw_episodes",
    fields=("SW_ID", "SW_DECOM", "SW_REASON"),
    severity=WARNING,
    sql="""
        select CHILD, SW_ID, SW_DECOM_text as SW_DECOM, SW_REASON, _source_file, _row_number
        from {sw_episodes}
        where SW_ID is null or SW_DECOM_text is null or SW_REASON is null
    """,
    first_year=2024,
    last_year=2024,
)
