"""DfE rule 529. Other public bodies do not provide adoption, children's homes, parents or
foster care.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="529",
    message=(
        "Placement provider code of PR3 cannot be associated with placements P1, A3 to "
        "A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public "
        "organisations."
    ),
    table="episodes",
    fields=("PLACE", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, PLACE_PROVIDER, _source_file, _row_number
        from {episodes}
        where PLACE_PROVIDER = 'PR3'
          and PLACE in ('A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'P1', 'U1', 'U2', 'U3', 'U4', 'U5',
              'U6')
    """,
)
