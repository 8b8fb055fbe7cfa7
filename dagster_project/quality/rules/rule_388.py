"""DfE rule 388. A broken X1 chain: X1 without a next episode starting that day, or a same-day
next episode after a non-X1 end. Periods of care and placement counts depend on the chain.
As DfE's validator orders them for this rule, an episode whose start is not a date comes
first among the child's episodes.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="388",
    message=(
        "Reason episode ceased is coded new episode begins, but there is no continuation episode."
    ),
    table="episodes",
    fields=("REC", "DEC", "NEXT_DECOM"),
    severity=RECORD_ERROR,
    sql="""
        with ordered as (
            select *,
                lead(DECOM) over w as NEXT_DECOM,
                row_number() over w as EPISODE_NO,
                count(*) over (partition by CHILD) as EPISODES
            from {episodes}
            where CHILD is not null
            window w as (partition by CHILD order by DECOM nulls first, _row_number)
        )
        select CHILD, REC, DEC, NEXT_DECOM, _source_file, _row_number
        from ordered
        where (REC = 'X1' and DEC is not null and NEXT_DECOM is not null and DEC <> NEXT_DECOM)
          or (REC <> 'X1' and DEC is not null and DEC = NEXT_DECOM)
          or (REC = 'X1' and DEC is not null and EPISODE_NO = EPISODES)
    """,
)
