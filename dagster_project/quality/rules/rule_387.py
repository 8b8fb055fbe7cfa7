"""DfE rule 387. Independent living (E5, E6) is for young people aged 14 or over: a young
person whose date of birth is not known (blank, not a date, or no header row) is not known
to be 14, as DfE's rule reads it."""

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
        from {episodes} e left join {header} h using (CHILD)
        where e.REC in ('E5', 'E6') and e.DEC is not null
          and not coalesce(dq_plus_years(h.DOB, 14) <= e.DEC, false)
    """,
)
