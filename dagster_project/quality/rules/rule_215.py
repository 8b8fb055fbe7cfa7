"""DfE rule 215. A care leaver (OC3) is not also in the OC2 cohort: the OC3 row and the
child's OC2 row with any item given are both reported."""

from dagster_project.quality.rule import WARNING, Rule

_OC2_ITEMS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)

RULE = Rule(
    code="215",
    message=(
        "Child has care leaver information but one or more data items relating to children "
        "looked after for 12 months have been completed."
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM", *_OC2_ITEMS),
    severity=WARNING,
    table_column=True,
    sql=f"""
        with both_files as (
            select o3.CHILD, o3.IN_TOUCH, o3.ACTIV, o3.ACCOM,
                {", ".join(f"o2.{c}" for c in _OC2_ITEMS)},
                o3._source_file as oc3_file, o3._row_number as oc3_row,
                o2._source_file as oc2_file, o2._row_number as oc2_row
            from {{oc3}} o3 join {{oc2}} o2 on o2.CHILD = o3.CHILD
            where (o3.IN_TOUCH is not null or o3.ACTIV is not null or o3.ACCOM is not null)
              and ({" or ".join(f"o2.{c} is not null" for c in _OC2_ITEMS)})
        )
        select distinct 'oc3' as _table, * exclude (oc3_file, oc3_row, oc2_file, oc2_row),
            oc3_file as _source_file, oc3_row as _row_number
        from both_files
        union
        select distinct 'oc2', * exclude (oc3_file, oc3_row, oc2_file, oc2_row),
            oc2_file, oc2_row
        from both_files
    """,
)
