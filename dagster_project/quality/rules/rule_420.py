"""DfE rule 420. A short break (V3, V4) records no placement, so no placement LA."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="420",
    message="LA of placement completed but child is looked after under legal status V3 or V4.",
    table="episodes",
    fields=("LS", "PL_POST", "PL_LA"),
    severity=WARNING,
    sql="""
        select CHILD, LS, PL_POST, PL_LA, _source_file, _row_number
        from {episodes}
        where LS in ('V3', 'V4') and PL_LA is not null
    """,
)
