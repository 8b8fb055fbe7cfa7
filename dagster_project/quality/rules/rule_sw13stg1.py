"""DfE rule SW13STG1. The reason for a social worker change is one of DfE's codes. In
2023-24 it was required; from 2024-25 a blank reason is allowed for an episode started
before 1 April 2023 (when the collection of social worker episodes began)."""

from dagster_project.quality.rule import WARNING, Rule

RULES = (
    Rule(
        code="SW13STG1",
        message=(
            "The reason for social worker change is either not valid or has not been entered."
        ),
        table="sw_episodes",
        fields=("SW_REASON",),
        severity=WARNING,
        sql="""
            select CHILD, SW_REASON, _source_file, _row_number
            from {sw_episodes}
            where coalesce(SW_REASON not in {codes:SW_REASON}, true)
        """,
        first_year=2024,
        last_year=2024,
    ),
    Rule(
        code="SW13STG1",
        message="The reason for social worker change is not valid.",
        table="sw_episodes",
        fields=("SW_REASON", "SW_DECOM"),
        severity=WARNING,
        sql="""
            select CHILD, SW_REASON, SW_DECOM, _source_file, _row_number
            from {sw_episodes}
            where SW_REASON not in {codes:SW_REASON}
               or (SW_REASON is null and SW_DECOM >= DATE '2023-04-01')
        """,
        first_year=2025,
    ),
)
