"""DfE rule SW01aSTG1 (2024-25). A social worker episode has a start date, and one that
started before 1 April 2023 (before the collection of social worker episodes began) its
social worker's ID; a start that is not a date is no start."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW01aSTG1",
    message="For each social worker episode, information should be complete",
    table="sw_episodes",
    fields=("SW_DECOM", "SW_ID"),
    severity=WARNING,
    sql="""
        select CHILD, SW_DECOM_text as SW_DECOM, SW_ID, _source_file, _row_number
        from {sw_episodes}
        where SW_DECOM is null or (SW_DECOM < DATE '2023-04-01' and SW_ID is null)
    """,
    first_year=2025,
    last_year=2025,
)
