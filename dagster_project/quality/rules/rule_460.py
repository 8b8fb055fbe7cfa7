"""DfE rule 460. Staying put (E17) is at 18 or over."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="460",
    message=(
        "Reason episode ceased is that child stayed with current carers at age 18 (or "
        "above), but child is aged under 18."
    ),
    table="episodes",
    fields=("REC", "DEC", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.REC, e.DEC, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.REC = 'E17' and e.DEC < dq_plus_years(h.DOB, 18)
    """,
)
