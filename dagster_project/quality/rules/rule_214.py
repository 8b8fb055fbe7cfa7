"""DfE rule 214. A short break (V3, V4) records no placement postcode or URN."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="214",
    message="Placement location information not required.",
    table="episodes",
    fields=("LS", "PL_POST", "URN"),
    severity=WARNING,
    sql="""
        select CHILD, LS, PL_POST, URN, _source_file, _row_number
        from {episodes}
        where LS in ('V3', 'V4') and (PL_POST is not null or URN is not null)
    """,
)
