"""DfE rule 1016 (from 2023-24). A young person aged 17 (or 18) at the end of the year whose
episode ended on or after their 17th (18th) birthday left care after it: care leaver
information is not yet due."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1016",
    message=(
        "Care leaver information is not required for 17- or 18-year olds who cease to be "
        "looked after, after their birthday."
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        select distinct o.CHILD, o.IN_TOUCH, o.ACTIV, o.ACCOM, o._source_file, o._row_number
        from {oc3} o join {episodes} e on e.CHILD = o.CHILD
        where dq_age(o.DOB, {collection_end}) in (17, 18)
          and e.DEC >= dq_plus_years(o.DOB, dq_age(o.DOB, {collection_end}))
          and (o.IN_TOUCH is not null or o.ACTIV is not null or o.ACCOM is not null)
    """,
    first_year=2024,
)
