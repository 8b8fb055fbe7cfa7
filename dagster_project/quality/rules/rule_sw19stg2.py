"""DfE rule SW19STG2 (from 2025-26). Two social worker episodes of a child do not start on
the same day: the second and later ones are reported, as DfE's validator does."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW19STG2",
    message="There are 2 social worker episodes for the child starting on the same date.",
    table="sw_episodes",
    fields=("SW_DEC", "SW_DECOM"),
    severity=WARNING,
    sql="""
        select CHILD, SW_DEC_text as SW_DEC, SW_DECOM_text as SW_DECOM,
            _source_file, _row_number
        from {sw_episodes}
        qualify row_number() over (partition by CHILD, SW_DECOM_text order by _row_number) > 1
    """,
    first_year=2026,
)
