"""DfE rule SW08STG2 (from 2023-24). Only a child's latest social worker episode (by start;
one with no start date counts as latest) may be open."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW08STG2",
    message="A new social worker episode has started, but the previous episode has not ended.",
    table="sw_episodes",
    fields=("SW_DECOM", "SW_DEC"),
    severity=WARNING,
    sql="""
        select CHILD, SW_DECOM, SW_DEC_text as SW_DEC, _source_file, _row_number
        from {sw_episodes}
        where CHILD is not null
        qualify row_number() over (
                partition by CHILD order by SW_DECOM desc nulls first, _row_number desc) > 1
            and SW_DEC is null and SW_DECOM is not null
    """,
    first_year=2024,
)
