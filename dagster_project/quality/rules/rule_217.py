"""DfE rule 217. Since 1 April 2015 a child placed for adoption with their foster carers (A3,
A5) starts a new episode for it: RNE S, T or U (a blank RNE is flagged too).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="217",
    message=(
        "Children who are placed for adoption with current foster carers (placement types A3 or "
        "A5) must have a reason for new episode of S, T or U."
    ),
    table="episodes",
    fields=("PLACE", "DECOM", "RNE"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, DECOM, RNE, _source_file, _row_number
        from {episodes}
        where PLACE in ('A3', 'A5') and DECOM >= DATE '2015-04-01'
          and coalesce(RNE not in ('S', 'T', 'U'), true)
    """,
)
