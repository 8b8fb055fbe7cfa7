"""DfE rule 433. A continuation episode (RNE P, L, T, U, B) must start the day the previous one
ended.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="433",
    message=(
        "The reason for new episode suggests that this is a continuation episode, but the"
        " episode does not start on the same day as the last episode finished."
    ),
    table="episodes",
    fields=("RNE", "DECOM", "PREV_DEC"),
    severity=WARNING,
    sql="""
        select CHILD, RNE, DECOM, PREV_DEC, _source_file, _row_number
        from (select * from {episodes_ordered})
        where EPISODE_NO > 1 and RNE in ('P', 'L', 'T', 'U', 'B')
          and (PREV_DEC is null or DECOM is null or PREV_DEC <> DECOM)
    """,
)
