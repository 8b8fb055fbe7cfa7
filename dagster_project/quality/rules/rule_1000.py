"""DfE rule 1000. A child who died in care (REC E2, this year or, when supplied, last year)
is not a care leaver."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1000",
    message=(
        "This child is recorded as having died in care and therefore should not have the "
        "care leaver information completed. [NOTE: This only tests the current and previous "
        "year data loaded into the tool]"
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        select CHILD, IN_TOUCH, ACTIV, ACCOM, _source_file, _row_number
        from {oc3}
        where CHILD in (
            select CHILD from {episodes} where upper(REC) = 'E2'
            union all
            select CHILD from {episodes_last} where upper(REC) = 'E2'
        )
    """,
    optional=("episodes_last",),
)
