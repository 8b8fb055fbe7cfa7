"""DfE rule 530. Private provision cannot be a placement with parents."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="530",
    message="A placement provider code of PR4 cannot be associated with placement P1.",
    table="episodes",
    fields=("PLACE", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {episodes}
        where PLACE_PROVIDER = 'PR4'
          and PLACE in ('P1')
    """,
)
