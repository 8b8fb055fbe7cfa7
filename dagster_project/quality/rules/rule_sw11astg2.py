"""DfE rule SW11aSTG2 (2023-24). After a social worker episode that ended more than 5 days
before 31 March, the child's next episode (by start) starts within 5 days of that end;
the next episode is reported."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW11aSTG2",
    message=(
        "Social worker episode has ended before 31 March and no subsequent social worker "
        "episode has been provided."
    ),
    table="sw_episodes",
    fields=("SW_DECOM", "PREV_DEC"),
    severity=WARNING,
    sql="""
        select CHILD, SW_DECOM, PREV_DEC, _source_file, _row_number
        from (
            select *, lag(SW_DEC) over (partition by CHILD
                order by SW_DECOM nulls last, _row_number) as PREV_DEC
            from {sw_episodes}
        )
        where PREV_DEC <= {collection_end} - interval 5 day
          and not coalesce(SW_DECOM between PREV_DEC - interval 5 day
                                        and PREV_DEC + interval 5 day, false)
    """,
    first_year=2024,
    last_year=2024,
)
