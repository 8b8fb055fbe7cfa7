"""DfE rule SW01STG1 (2023-24). A child looked after on 31 March (an open episode, not a
short break) has a social worker: at least one social worker episode giving the social
worker's ID, the start date and the reason for change. Reported on the open episode (DfE's
validator returns those rows under the social worker file's name)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW01STG1",
    message=(
        "Child looked after on 31 March, but no social worker episode information is reported"
    ),
    table="episodes",
    fields=("DEC",),
    severity=WARNING,
    sql="""
        with complete as (
            select CHILD from {sw_episodes}
            group by CHILD
            having bool_or(SW_ID is not null) and bool_or(SW_DECOM_text is not null)
               and bool_or(SW_REASON is not null)
        )
        select e.CHILD, e.DEC_text as DEC, e._source_file, e._row_number
        from {episodes} e anti join complete c on c.CHILD = e.CHILD
        where e.DEC_text is null and coalesce(e.LS not in ('V3', 'V4'), true)
    """,
    first_year=2024,
    last_year=2024,
)
