"""DfE rule 358. Youth justice legal statuses (J1-J3) apply from age 10."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="358",
    message="Child with this legal status should not be under 10.",
    table="episodes",
    fields=("LS", "DECOM", "DOB"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.LS, e.DECOM, h.DOB, e._source_file, e._row_number
        from {episodes} e join {header} h using (CHILD)
        where e.LS in ('J1', 'J2', 'J3') and dq_plus_years(h.DOB, 10) >= e.DECOM
    """,
)
