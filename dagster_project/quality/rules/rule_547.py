"""DfE rule 547. An OC2 row with health promotion needs its core health items."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="547",
    message=(
        "Any child who has health promotion information completed must also have "
        "immunisation, teeth check, health assessment and substance misuse problem "
        "identified fields completed."
    ),
    table="oc2",
    fields=(
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
    ),
    severity=WARNING,
    sql="""
        select CHILD, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT,
            SUBSTANCE_MISUSE, _source_file, _row_number
        from {oc2}
        where HEALTH_CHECK = '1'
          and (IMMUNISATIONS is null or TEETH_CHECK is null or HEALTH_ASSESSMENT is null
               or SUBSTANCE_MISUSE is null)
    """,
)
