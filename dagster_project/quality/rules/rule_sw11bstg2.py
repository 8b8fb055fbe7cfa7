"""DfE rule SW11bSTG2 (from 2023-24). A social worker episode that ended in the last 5 days
of the year (26 to 31 March) should be followed by another. As DfE's validator finds them:
a child's only episode ending then; an episode ending then that started after the child's
previous one (by start); and an episode with no start date after one ending then."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="SW11bSTG2",
    message=(
        "Social worker episode has ended before 31 March and no subsequent social worker "
        "episode has been provided."
    ),
    table="sw_episodes",
    fields=("SW_DECOM", "SW_DEC"),
    severity=WARNING,
    sql="""
        with chained as (
            select *,
                SW_DEC between {collection_end} - interval 5 day and {collection_end}
                    as ENDS_LATE,
                lag(SW_DEC) over (partition by CHILD order by SW_DECOM nulls last, _row_number)
                    between {collection_end} - interval 5 day and {collection_end}
                    as PREVIOUS_ENDS_LATE,
                lead(SW_DECOM) over (partition by CHILD
                    order by SW_DECOM desc nulls last, _row_number) as EARLIER_DECOM,
                count(*) over (partition by CHILD) as EPISODES
            from {sw_episodes}
        )
        select CHILD, SW_DECOM, SW_DEC, _source_file, _row_number
        from chained
        where (SW_DECOM is null and PREVIOUS_ENDS_LATE)
           or (CHILD is not null and EPISODES = 1 and ENDS_LATE)
           or (ENDS_LATE and EARLIER_DECOM < SW_DEC)
    """,
    first_year=2024,
)
