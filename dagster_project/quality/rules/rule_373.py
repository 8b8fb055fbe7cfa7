"""DfE rule 373. A residential school placement is for children of school age (4 or over). As
DfE's rule, only ended episodes are checked.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="373",
    message="Child placed in a school should be at least 4 years old.",
    table="episodes",
    fields=("PLACE", "DECOM", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.PLACE, e.DECOM, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.PLACE = 'S1' and e.DEC is not null and e.DECOM < dq_plus_years(h.DOB, 4)
    """,
)
