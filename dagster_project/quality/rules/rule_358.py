"""DfE rule 358. Youth justice legal statuses (J1-J3) apply from age 10: the episode and
the child's header row are reported, as DfE does.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="358",
    message="Child with this legal status should not be under 10.",
    table="episodes",
    fields=("LS", "DECOM", "DOB"),
    severity=WARNING,
    table_column=True,
    sql="""
        with wrong as (
            select e.CHILD, e.LS, e.DECOM, h.DOB, e._source_file as e_file,
                e._row_number as e_row, h._source_file as h_file, h._row_number as h_row
            from {episodes} e join {header} h using (CHILD)
            where e.LS in ('J1', 'J2', 'J3') and dq_plus_years(h.DOB, 10) >= e.DECOM
        )
        select 'episodes' as _table, CHILD, LS, DECOM, DOB, e_file as _source_file,
            e_row as _row_number from wrong
        union all
        select 'header', CHILD, any_value(LS), min(DECOM), any_value(DOB), h_file, h_row
        from wrong group by CHILD, h_file, h_row
    """,
)
