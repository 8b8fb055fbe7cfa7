"""DfE rule 630. A child starting a period of care this year (an episode with RNE S starting
on or after 1 April) needs previous permanence information: a previous permanence row
with its option (PREV_PERM), and for an option other than Z1 (none) the authority and
date of the order. The episode is reported.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="630",
    message="Information on previous permanence option should be returned.",
    table="episodes",
    fields=("RNE", "DECOM"),
    severity=WARNING,
    sql="""
        with complete as (
            select CHILD,
                bool_and(PREV_PERM is not null
                         and (PREV_PERM = 'Z1' or (LA_PERM is not null and DATE_PERM is not null))
                ) as COMPLETE
            from {previous_permanence} where CHILD is not null group by CHILD
        )
        select e.CHILD, e.RNE, e.DECOM, e._source_file, e._row_number
        from {episodes} e left join complete c on c.CHILD = e.CHILD
        where e.RNE = 'S' and e.DECOM >= {collection_start}
          and not coalesce(c.COMPLETE, false)
    """,
)
