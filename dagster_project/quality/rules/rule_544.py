"""DfE rule 544. A convicted child's OC2 row needs its core health items."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="544",
    message=(
        "Any child who has conviction information completed must also have immunisation, "
        "teeth check, health assessment and substance misuse problem identified fields "
        "completed."
    ),
    table="oc2",
    fields=("CONVICTED", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"),
    severity=WARNING,
    sql="""
        select CHILD, CONVICTED, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT,
            SUBSTANCE_MISUSE, _source_file, _row_number
        from {oc2}
        where CONVICTED = '1'
          and (IMMUNISATIONS is null or TEETH_CHECK is null or HEALTH_ASSESSMENT is null
               or SUBSTANCE_MISUSE is null)
    """,
)
