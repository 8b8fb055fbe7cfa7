"""DfE rule 379. A temporary placement for another reason lasts at most seven days."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="379",
    message=(
        "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days."
    ),
    table="episodes",
    fields=("PLACE", "DECOM", "DEC"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.PLACE, e.DECOM, e.DEC, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.PLACE = 'T4' and h.DOB is not null and e.DEC > e.DECOM + 7
    """,
)
