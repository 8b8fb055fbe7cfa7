"""DfE rule 556. The decision to place for adoption comes before the freeing order: an
episode under a freeing order (LS D1) that starts before one of the child's decisions is
reported. DfE dropped the rule from 2024-25.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="556",
    message=(
        "Date of decision that the child should be placed for adoption should be on or prior "
        "to the date that the freeing order was granted."
    ),
    table="episodes",
    fields=("LS", "DECOM", "DATE_PLACED"),
    severity=WARNING,
    last_year=2024,
    sql="""
        select e.CHILD, e.LS, e.DECOM, max(p.DATE_PLACED) as DATE_PLACED,
            e._source_file, e._row_number
        from {episodes} e join {placed_for_adoption} p on p.CHILD = e.CHILD
        where e.LS = 'D1' and p.DATE_PLACED > e.DECOM
        group by e.CHILD, e.LS, e.DECOM, e._source_file, e._row_number
    """,
)
