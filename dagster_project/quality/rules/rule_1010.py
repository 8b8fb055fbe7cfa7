"""DfE rule 1010. A child whose last episode of last year's return was still open has
episodes this year: care leaver information without them is queried."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1010",
    message=(
        "This child has no episodes loaded for current year even though there was an open "
        "episode of care at the end of the previous year, and care leaver data has been "
        "entered."
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        with open_last as (
            select CHILD from {episodes_last}
            where DECOM is not null
            qualify row_number() over (
                partition by CHILD order by DECOM desc, _row_number desc) = 1
                and DEC_text is null
        )
        select o.CHILD, o.IN_TOUCH, o.ACTIV, o.ACCOM, o._source_file, o._row_number
        from {oc3} o
        semi join open_last l on l.CHILD is not distinct from o.CHILD
        anti join {episodes} e on e.CHILD is not distinct from o.CHILD
    """,
)
