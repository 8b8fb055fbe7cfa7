"""DfE rule 387. Independent living (E5, E6) is for young people aged 14 or over."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="387",
    message=(
        "Reason episode ceased is child moved into independent living arrangement, but "
        "the child is aged under 14."
    ),
    table="episodes",
    fields=("REC", "DEC", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.REC, e.DEC, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.REC in ('E5', 'E6') and e.DEC < dq_plus_years(h.DOB, 14)
    """,
)
