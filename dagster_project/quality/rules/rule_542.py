"""DfE rule 542. A child under 10 at 31 March is below the age of criminal responsibility."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="542",
    message=("A child aged under 10 at 31 March should not have conviction information completed."),
    table="oc2",
    fields=("CONVICTED",),
    severity=WARNING,
    sql="""
        select CHILD, CONVICTED, _source_file, _row_number
        from {oc2}
        where dq_plus_years(DOB, 10) > {collection_end} and CONVICTED is not null
    """,
)
