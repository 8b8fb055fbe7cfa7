"""DfE rule 546. Health promotion is asked for cohort children under 5 at 31 March only. The
OC2 cohort is the children looked after continuously for 12 months at 31 March
(`oc2_cohort`, as DfE's guidance defines it)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="546",
    message=(
        "Children aged 5 or over at 31 March should not have health promotion information "
        "completed."
    ),
    table="oc2",
    fields=("DOB", "HEALTH_CHECK"),
    severity=WARNING,
    sql="""
        select CHILD, DOB, HEALTH_CHECK, _source_file, _row_number
        from {oc2}
        where {collection_end} >= dq_plus_years(DOB, 5)
          and CHILD in (select CHILD from {oc2_cohort})
          and HEALTH_CHECK is not null
    """,
)
