"""DfE rule SW06STG2 (from 2023-24). A social worker episode cannot start after the end of
the collection year."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW06STG2",
    message="Social worker episode data should be within the social worker data reporting year.",
    table="sw_episodes",
    fields=("SW_DECOM",),
    severity=WARNING,
    sql="""
        select CHILD, SW_DECOM, _source_file, _row_number
        from {sw_episodes}
        where SW_DECOM > {collection_end}
    """,
    first_year=2024,
)
