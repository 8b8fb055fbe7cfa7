"""DfE rule 384. A short break is not long-term fostering."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="384",
    message="A child receiving respite care cannot be in a long-term foster placement",
    table="episodes",
    fields=("LS", "PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, LS, PLACE, _source_file, _row_number
        from {episodes}
        where LS in ('V3', 'V4')
          and PLACE in ('U1', 'U4')
    """,
)
