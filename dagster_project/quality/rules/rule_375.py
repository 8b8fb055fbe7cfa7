"""DfE rule 375. A temporary hospital stay lasts at most six weeks."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="375",
    message="Hospitalisation coded as a temporary placement exceeds six weeks.",
    table="episodes",
    fields=("PLACE", "DECOM", "DEC"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.PLACE, e.DECOM, e.DEC, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.PLACE = 'T1' and h.DOB is not null and e.DEC > e.DECOM + 42
    """,
)
