"""DfE rule 242 (from 2025-26). The URN XXXXXXX stands for a regional adoption agency, so it
goes only with a placement for adoption (A3-A6) or a foster placement (U1-U6), the list
DfE's validator gives; any other placement type, or none, is reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="242",
    message="URN = 'XXXXXXX' can only be used for regional adoption agencies",
    table="episodes",
    fields=("URN", "PLACE"),
    severity=WARNING,
    first_year=2026,
    sql="""
        select CHILD, URN, PLACE, _source_file, _row_number
        from {episodes}
        where URN = 'XXXXXXX'
          and coalesce(PLACE not in ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'),
                       true)
    """,
)
