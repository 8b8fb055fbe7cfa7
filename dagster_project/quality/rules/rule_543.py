"""DfE rule 543. A cohort child over 10 at 31 March needs the conviction item. The OC2 cohort
is the children looked after continuously for 12 months at 31 March (`oc2_cohort`, as DfE's
guidance defines it). A Mosaic extract carries no conviction item (spec/inputs.md):
a return derived from one is not asked for it."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="543",
    message=(
        "Child is aged 10 or over at 31 March and has been looked after continuously for 12 "
        "months yet conviction information has not been completed."
    ),
    table="oc2",
    fields=("DOB", "CONVICTED"),
    severity=WARNING,
    sql="""
        select CHILD, DOB, CONVICTED, _source_file, _row_number
        from {oc2}
        where {collection_end} > dq_plus_years(DOB, 10)
          and CHILD in (select CHILD from {oc2_cohort})
          and CONVICTED is null and coalesce(source_system, '') <> 'mosaic'
    """,
)
