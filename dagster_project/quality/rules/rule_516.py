"""DfE rule 516. A special guardianship order to former foster carers (REC E45, E46) ends a
placement with those carers (U1-U6); a blank PLACE is flagged too.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="516",
    message=(
        "The episode data submitted for this child does not show that he/she was with their "
        "former foster carer(s) during the year.If the code in the reason episode ceased is E45 "
        "or E46 the child must have a placement code of U1 to U6."
    ),
    table="episodes",
    fields=("REC", "PLACE"),
    severity=WARNING,
    sql="""
        select CHILD, REC, PLACE, _source_file, _row_number
        from {episodes}
        where REC in ('E45', 'E46')
          and coalesce(PLACE not in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6'), true)
    """,
)
