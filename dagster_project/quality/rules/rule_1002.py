"""DfE rule 1002. A care leaver was looked after: a child with care leaver information and
no episode in this year's or last year's return (which must be supplied) is queried."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1002",
    message=(
        "This child has no previous episodes of care, therefore should not have care leaver "
        "information recorded. [NOTE: This tool can only test the current and previous year "
        "data loaded into the tool - this check may generate false positives if a child had "
        "episodes prior to last year's collection.]"
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        select o.CHILD, o.IN_TOUCH, o.ACTIV, o.ACCOM, o._source_file, o._row_number
        from {oc3} o
        anti join {episodes} e on o.CHILD is not distinct from e.CHILD
        anti join {episodes_last} l on o.CHILD is not distinct from l.CHILD
    """,
)
