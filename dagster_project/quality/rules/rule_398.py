"""DfE rule 398. A short break (V3, V4) records no postcodes, so no distance."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="398",
    message="Distance field completed but child looked after under legal status V3 or V4.",
    table="episodes",
    fields=("LS", "HOME_POST", "PL_POST"),
    severity=WARNING,
    sql="""
        select CHILD, LS, HOME_POST, PL_POST, _source_file, _row_number
        from {episodes}
        where LS in ('V3', 'V4') and (HOME_POST is not null or PL_POST is not null)
    """,
)
