"""DfE rule 193. Interventions are asked about only for a substance misuse problem."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="193",
    message=(
        "Child not identified as having a substance misuse problem but at least one of the "
        "two additional items on whether an intervention were offered and received have "
        "been completed."
    ),
    table="oc2",
    fields=("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
    severity=WARNING,
    sql="""
        select CHILD, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED,
            _source_file, _row_number
        from {oc2}
        where coalesce(SUBSTANCE_MISUSE, '0') = '0'
          and (INTERVENTION_RECEIVED is not null or INTERVENTION_OFFERED is not null)
    """,
)
