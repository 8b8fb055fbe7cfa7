"""DfE rule 352. Care cannot start at 18 or over."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="352",
    message="Child who started to be looked after was aged 18 or over.",
    table="episodes",
    fields=("DECOM", "RNE", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.DECOM, e.RNE, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.RNE = 'S' and e.DECOM >= dq_plus_years(h.DOB, 18)
    """,
)
