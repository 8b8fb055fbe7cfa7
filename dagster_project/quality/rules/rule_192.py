"""DfE rule 192. A substance misuse problem needs whether an intervention was received."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="192",
    message=(
        "Child has been identified as having a substance misuse problem but the additional "
        "item on whether an intervention was received has been left blank."
    ),
    table="oc2",
    fields=("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED"),
    severity=WARNING,
    sql="""
        select CHILD, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, _source_file, _row_number
        from {oc2}
        where SUBSTANCE_MISUSE = '1' and INTERVENTION_RECEIVED is null
    """,
)
