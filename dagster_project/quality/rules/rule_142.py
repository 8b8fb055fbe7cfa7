"""DfE rule 142. Only a child's last episode may be open: an open earlier episode overlaps the
next.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="142",
    message="A new episode has started, but the previous episode has not ended.",
    table="episodes",
    fields=("DEC", "REC"),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DEC, REC, _source_file, _row_number
        from (select * from {episodes_ordered})
        where EPISODE_NO < EPISODES and (DEC is null or REC is null) and DECOM is not null
    """,
)
