"""DfE rule SW14STG2 (2023-24). Every social worker episode but the child's latest (by
start) has an end date."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW14STG2",
    message="Social worker episode date ceased is blank.",
    table="sw_episodes",
    fields=("SW_DEC",),
    severity=WARNING,
    sql="""
        select CHILD, SW_DEC_text as SW_DEC, _source_file, _row_number
        from {sw_episodes}
        qualify SW_DEC is null and row_number() over (
            partition by CHILD order by SW_DECOM desc nulls first, _row_number desc) > 1
    """,
    first_year=2024,
    last_year=2024,
)
