"""DfE rule 386. Adoption (E11, E12) happens before 18."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="386",
    message="Reason episode ceased is adopted but child has reached age 18.",
    table="episodes",
    fields=("REC", "DEC", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.REC, e.DEC, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.REC in ('E11', 'E12') and e.DEC >= dq_plus_years(h.DOB, 18)
    """,
)
