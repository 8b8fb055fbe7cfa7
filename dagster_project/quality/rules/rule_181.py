"""DfE rule 181. The OC2 items are 0 or 1."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="181",
    message=(
        "Data items relating to children looked after continuously for 12 months should "
        "be completed with a 0 or 1."
    ),
    table="oc2",
    fields=(
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    severity=WARNING,
    sql="""
        select CHILD, CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT,
            SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED, _source_file,
            _row_number
        from {oc2}
        where coalesce(dq_flag(CONVICTED) not in ('0', '1'), false)
          or coalesce(dq_flag(HEALTH_CHECK) not in ('0', '1'), false)
          or coalesce(dq_flag(IMMUNISATIONS) not in ('0', '1'), false)
          or coalesce(dq_flag(TEETH_CHECK) not in ('0', '1'), false)
          or coalesce(dq_flag(HEALTH_ASSESSMENT) not in ('0', '1'), false)
          or coalesce(dq_flag(SUBSTANCE_MISUSE) not in ('0', '1'), false)
          or coalesce(dq_flag(INTERVENTION_RECEIVED) not in ('0', '1'), false)
          or coalesce(dq_flag(INTERVENTION_OFFERED) not in ('0', '1'), false)
    """,
)
