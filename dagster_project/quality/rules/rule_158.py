"""DfE rule 158. An intervention received makes the question whether one was offered moot."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="158",
    message=(
        "If a child has been recorded as receiving an intervention for their substance misuse "
        "problem, then the additional item on whether an intervention was offered should be "
        "left blank."
    ),
    table="oc2",
    fields=("INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
    severity=WARNING,
    sql="""
        select CHILD, INTERVENTION_RECEIVED, INTERVENTION_OFFERED, _source_file, _row_number
        from {oc2}
        where INTERVENTION_RECEIVED = '1' and INTERVENTION_OFFERED is not null
    """,
)
