"""DfE rule 182. An OC2 row either has its four core health items or no items at all."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="182",
    message=(
        "Data entries on immunisations, teeth checks, health assessments and substance "
        "misuse problem identified should be completed or all OC2 fields should be left "
        "blank."
    ),
    table="oc2",
    fields=(
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "CONVICTED",
        "HEALTH_CHECK",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    severity=WARNING,
    sql="""
        select CHILD, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE,
            CONVICTED, HEALTH_CHECK, INTERVENTION_RECEIVED, INTERVENTION_OFFERED,
            _source_file, _row_number
        from {oc2}
        where (IMMUNISATIONS is null or TEETH_CHECK is null or HEALTH_ASSESSMENT is null
               or SUBSTANCE_MISUSE is null)
          and (CONVICTED is not null or HEALTH_CHECK is not null
               or INTERVENTION_RECEIVED is not null or INTERVENTION_OFFERED is not null)
    """,
)
