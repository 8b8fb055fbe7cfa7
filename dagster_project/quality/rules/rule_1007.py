"""DfE rule 1007. A young person still looked after on their 17th or 18th birthday in the year
(an episode that started on or before the birthday and ended after it) has no care leaver
information yet. A birthday on 29 February is 28 February in other years."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1007",
    message=(
        "Care leaver information is not required for 17- or 18-year olds who are still "
        "looked after [on their 17th or 18th birthday.]"
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        with birthdays as (
            select *, dq_plus_years(DOB, year({collection_end}) - year(DOB)) as this_year
            from {oc3}
            where dq_plus_years(DOB, 17) <= {collection_end}
              and dq_plus_years(DOB, 19) > {collection_end}
              and (IN_TOUCH is not null or ACTIV is not null or ACCOM is not null)
        ), last_birthday as (
            select *, case when this_year > {collection_end} then dq_plus_years(this_year, -1)
                else this_year end as birthday
            from birthdays
        )
        select distinct o.CHILD, o.IN_TOUCH, o.ACTIV, o.ACCOM, o._source_file, o._row_number
        from last_birthday o join {episodes} e on e.CHILD = o.CHILD
        where e.DECOM <= o.birthday and e.DEC > o.birthday
    """,
)
