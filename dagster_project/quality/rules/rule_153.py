"""DfE rule 153. In touch, activity and accommodation are returned together or not at all."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="153",
    message=(
        "All data items relating to a child's activity or accommodation after leaving "
        "care must be coded or left blank."
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        select CHILD, IN_TOUCH, ACTIV, ACCOM, _source_file, _row_number
        from {oc3}
        where not ((IN_TOUCH is null
          and ACTIV is null
          and ACCOM is null)
          or (IN_TOUCH is not null
          and ACTIV is not null
          and ACCOM is not null))
    """,
)
