"""DfE rule 376. Cover for a foster carer's holiday lasts at most three weeks."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="376",
    message=(
        "Temporary placements coded as being due to holiday of usual foster carer(s) "
        "cannot exceed three weeks."
    ),
    table="episodes",
    fields=("PLACE", "DECOM", "DEC"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.PLACE, e.DECOM, e.DEC, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.PLACE = 'T3' and h.DOB is not null and e.DEC > e.DECOM + 21
    """,
)
