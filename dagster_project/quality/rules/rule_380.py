"""DfE rule 380. A temporary placement is entered by a move (RNE P or B), never at the start of
care.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="380",
    message="A period of care cannot start with a temporary placement.",
    table="episodes",
    fields=("PLACE", "RNE"),
    severity=WARNING,
    sql="""
        select CHILD, PLACE, RNE, _source_file, _row_number
        from {episodes}
        where PLACE in ('T0', 'T1', 'T2', 'T3', 'T4')
          and coalesce(RNE, '') not in ('P', 'B')
    """,
)
