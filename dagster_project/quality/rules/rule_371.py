"""DfE rule 371. Supported accommodation is for young people aged 16 or over. As DfE's rule,
only ended episodes are checked.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="371",
    message=(
        "Child in supported accomodation not subject to children’s homes regulations "
        "should be at least 16."
    ),
    table="episodes",
    fields=("PLACE", "DECOM", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.PLACE, e.DECOM, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.PLACE = 'K3' and e.DEC is not null and e.DECOM < dq_plus_years(h.DOB, 16)
    """,
)
