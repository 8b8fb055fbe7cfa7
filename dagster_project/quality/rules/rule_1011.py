"""DfE rule 1011. A child whose last episode ended with care transferred to another local
authority (REC E3) is that authority's care leaver, not ours."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1011",
    message=(
        "This child is recorded as having his/her care transferred to another local "
        "authority for the final episode and therefore should not have the care leaver "
        "information completed."
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        with last_episode as (
            select CHILD, REC from {episodes}
            where DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM desc, _row_number) = 1
        )
        select o.CHILD, o.IN_TOUCH, o.ACTIV, o.ACCOM, o._source_file, o._row_number
        from {oc3} o semi join last_episode e on e.CHILD = o.CHILD and e.REC = 'E3'
        where o.IN_TOUCH is not null or o.ACTIV is not null or o.ACCOM is not null
    """,
)
