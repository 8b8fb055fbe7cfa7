"""DfE rule 550. Provider PR0 (parents) goes only with placement P1."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="550",
    message="A placement provider code of PR0 can only be associated with placement P1.",
    table="episodes",
    fields=("PLACE", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {episodes}
        where PLACE_PROVIDER = 'PR0'
          and coalesce(PLACE, '') <> 'P1'
    """,
)
