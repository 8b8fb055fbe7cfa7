"""DfE rule 190. OC2 items are only for the OC2 cohort."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="190",
    message=(
        "Child has not been looked after continuously for at least 12 months at 31 March "
        "but one or more data items relating to children looked after for 12 months have "
        "been completed."
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
        where coalesce(CHILD not in (select CHILD from {oc2_cohort}), true)
          and (dq_flag(CONVICTED) is not null or dq_flag(HEALTH_CHECK) is not null or
              dq_flag(IMMUNISATIONS) is not null or dq_flag(TEETH_CHECK) is not null or
              dq_flag(HEALTH_ASSESSMENT) is not null or dq_flag(SUBSTANCE_MISUSE) is not null or
              dq_flag(INTERVENTION_RECEIVED) is not null or dq_flag(INTERVENTION_OFFERED) is not
              null)
    """,
)
