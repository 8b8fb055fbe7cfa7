"""DfE rule 381. Care cannot end in a temporary placement."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="381",
    message="A period of care cannot end with a temporary placement.",
    table="episodes",
    fields=("PLACE", "REC"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, REC, _source_file, _row_number
        from {episodes}
        where PLACE in ('T0', 'T1', 'T2', 'T3', 'T4')
          and REC is not null
          and REC <> 'X1'
    """,
)
