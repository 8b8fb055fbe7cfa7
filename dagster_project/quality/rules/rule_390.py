"""DfE rule 390. An adoption (REC E11, E12) ends a placement for adoption (A3-A6); a blank
PLACE is flagged too.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="390",
    message=(
        "Reason episode ceased is adopted but child has not been previously placed for adoption."
    ),
    table="episodes",
    fields=("REC", "PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, REC, PLACE, _source_file, _row_number
        from {episodes}
        where REC in ('E11', 'E12')
          and coalesce(PLACE not in ('A3', 'A4', 'A5', 'A6'), true)
    """,
)
