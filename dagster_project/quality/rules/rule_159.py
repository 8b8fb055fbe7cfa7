"""DfE rule 159. A child with a substance misuse problem who received no intervention: was one
offered?"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="159",
    message=(
        "If a child has been recorded as not receiving an intervention for their substance "
        "misuse problem, then the additional item on whether an intervention was offered "
        "should be completed as well."
    ),
    table="oc2",
    fields=("SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
    severity=WARNING,
    sql="""
        select CHILD, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED,
            _source_file, _row_number
        from {oc2}
        where SUBSTANCE_MISUSE = '1' and INTERVENTION_RECEIVED = '0'
          and INTERVENTION_OFFERED is null
    """,
)
