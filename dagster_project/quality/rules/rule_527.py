"""DfE rule 527. The LA's own provision cannot be a parent, the NHS or a YOI."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="527",
    message=("A placement provider code of PR1 cannot be associated with placements P1, R2 or R5."),
    table="episodes",
    fields=("PLACE", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {episodes}
        where PLACE_PROVIDER = 'PR1'
          and PLACE in ('P1', 'R2', 'R5')
    """,
)
