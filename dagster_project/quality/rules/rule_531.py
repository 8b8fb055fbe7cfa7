"""DfE rule 531. Voluntary provision cannot be a placement with parents."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="531",
    message="A placement provider code of PR5 cannot be associated with placements P1.",
    table="episodes",
    fields=("PLACE", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {episodes}
        where PLACE_PROVIDER = 'PR5'
          and PLACE in ('P1')
    """,
)
