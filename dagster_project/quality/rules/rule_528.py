"""DfE rule 528. Another LA's provision cannot be a parent, the NHS or a YOI."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="528",
    message=("A placement provider code of PR2 cannot be associated with placements P1, R2 or R5."),
    table="episodes",
    fields=("PLACE", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {episodes}
        where PLACE_PROVIDER = 'PR2'
          and PLACE in ('P1', 'R2', 'R5')
    """,
)
