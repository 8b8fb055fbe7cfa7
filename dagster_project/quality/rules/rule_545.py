"""DfE rule 545. A child under 5 at 31 March in the OC2 cohort (looked after continuously for
12 months) needs the health promotion item. A Mosaic extract carries no health promotion
item (spec/inputs.md): a return derived from one is not asked for it."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="545",
    message=(
        "Child is aged under 5 at 31 March and has been looked after continuously for 12 "
        "months yet health promotion information has not been completed."
    ),
    table="oc2",
    fields=("DOB", "HEALTH_CHECK"),
    severity=WARNING,
    sql="""
        select CHILD, DOB, HEALTH_CHECK, _source_file, _row_number
        from {oc2}
        where dq_plus_years(DOB, 5) > {collection_end}
          and CHILD in (select CHILD from {oc2_cohort})
          and HEALTH_CHECK is null and coalesce(source_system, '') <> 'mosaic'
    """,
)
