"""DfE rule 217t (2023-24 only). Independent living (P2) ended on 28 October 2023, when
supported accommodation regulation began: a P2 episode open after that day is wrong. A DEC
that is not a date counts as open, as the validator reads it.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="217t",
    message="Placement type 'P2' is not a valid placement type from 28 October 2023.",
    table="episodes",
    fields=("PLACE", "DEC"),
    severity=WARNING,
    first_year=2024,
    last_year=2024,
    sql="""
        select CHILD, PLACE, DEC, _source_file, _row_number
        from {episodes}
        where PLACE = 'P2' and (DEC > DATE '2023-10-28' or DEC is null)
    """,
)
