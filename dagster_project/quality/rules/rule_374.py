"""DfE rule 374. Residential employment is for young people aged 14 or over. As DfE's rule,
only ended episodes are checked.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="374",
    message="Child in residential employment should be at least 14 years old.",
    table="episodes",
    fields=("PLACE", "DECOM", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.PLACE, e.DECOM, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.PLACE = 'P3' and e.DEC is not null and e.DECOM < dq_plus_years(h.DOB, 14)
    """,
)
