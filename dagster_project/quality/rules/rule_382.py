"""DfE rule 382. A short break is not a temporary placement."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="382",
    message="A child receiving respite care cannot be in a temporary placement.",
    table="episodes",
    fields=("LS", "PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, LS, PLACE, _source_file, _row_number
        from {episodes}
        where LS in ('V3', 'V4')
          and PLACE in ('T0', 'T1', 'T2', 'T3', 'T4')
    """,
)
