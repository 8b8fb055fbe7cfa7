"""DfE rule 432. After care ended (a valid REC other than X1) the next episode must start care
again (S). A REC outside the list is rule 149's finding, not this one's.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="432",
    message=(
        "The child ceased to be looked after at the end of the previous episode but the "
        "reason for the new episode is not started to be looked after."
    ),
    table="episodes",
    fields=("RNE", "PREV_REC"),
    severity=WARNING,
    sql="""
        select CHILD, RNE, PREV_REC, _source_file, _row_number
        from (select * from {episodes_ordered})
        where EPISODE_NO > 1 and PREV_REC in {codes:REC} and PREV_REC <> 'X1'
          and coalesce(RNE, '') <> 'S'
    """,
)
