"""DfE rule SW17STG2 (from 2025-26). A child's latest social worker episode (by start) is
open at 31 March: every looked-after child has a social worker."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW17STG2",
    message="There is no social worker episode open at 31 March",
    table="sw_episodes",
    fields=("SW_DEC", "SW_DECOM"),
    severity=WARNING,
    sql="""
        select CHILD, SW_DEC_text as SW_DEC, SW_DECOM, _source_file, _row_number
        from {sw_episodes}
        qualify row_number() over (
                partition by CHILD order by SW_DECOM desc nulls last, _row_number) = 1
            and SW_DEC_text is not null
    """,
    first_year=2026,
)
