"""DfE rule 392d. Home and placement are the same place only when placed with parents (P1)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="392d",
    message="Home and placement postcodes should not be same unless the placement type is P1.",
    table="episodes",
    fields=("HOME_POST", "PL_POST", "PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, HOME_POST, PL_POST, PLACE, _source_file, _row_number
        from {episodes}
        where coalesce(PLACE, '') <> 'P1'
          and HOME_POST = PL_POST
    """,
)
