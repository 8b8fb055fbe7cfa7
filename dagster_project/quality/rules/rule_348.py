"""DfE rule 348 (from 2025-26). A care leaver reported as died last year is reported as died
again this year."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="348",
    message="Care leaver has previously been reported as having died. ",
    table="oc3",
    fields=("IN_TOUCH",),
    severity=WARNING,
    sql="""
        select distinct o.CHILD, o.IN_TOUCH, o._source_file, o._row_number
        from {oc3} o join {oc3_last} l on l.CHILD = o.CHILD
        where l.IN_TOUCH = 'DIED' and o.IN_TOUCH is distinct from 'DIED'
    """,
    first_year=2026,
)
