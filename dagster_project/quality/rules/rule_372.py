"""DfE rule 372. Youth custody applies from age 10. As DfE's rule, only ended episodes are
checked.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="372",
    message="Child in youth custody or prison should be at least 10.",
    table="episodes",
    fields=("PLACE", "DECOM", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.PLACE, e.DECOM, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.PLACE = 'R5' and e.DEC is not null and e.DECOM < dq_plus_years(h.DOB, 10)
    """,
)
