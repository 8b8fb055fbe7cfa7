"""DfE rule SW01bSTG1 (2024-25). A social worker episode has a start date, and one that
started on or after 1 April 2023 its social worker's ID and the reason for change."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW01bSTG1",
    message="For each social worker episode, information should be complete",
    table="sw_episodes",
    fields=("SW_DECOM", "SW_ID", "SW_REASON"),
    severity=WARNING,
    sql="""
        select CHILD, SW_DECOM_text as SW_DECOM, SW_ID, SW_REASON, _source_file, _row_number
        from {sw_episodes}
        where SW_DECOM is null
           or (SW_DECOM >= DATE '2023-04-01' and (SW_ID is null or SW_REASON is null))
    """,
    first_year=2025,
    last_year=2025,
)
