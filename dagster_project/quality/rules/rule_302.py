"""DfE rule 302. The child's first episode (in the year) starts before the date of birth."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="302",
    message="First episode starts before child was born.",
    table="episodes",
    fields=("DECOM", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.DECOM, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.DECOM < h.DOB
          and e.DECOM = (select min(x.DECOM) from {episodes} x where x.CHILD = e.CHILD)
    """,
)
