"""DfE rule 501. Overlapping episodes: the child would be counted twice."""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="501",
    message="A new episode has started before the end date of the previous episode.",
    table="episodes",
    fields=("DECOM", "PREV_DEC"),
    severity=BLOCKING,
    sql="""
        select CHILD, DECOM, PREV_DEC, _source_file, _row_number
        from (select * from {episodes_all_ordered})
        where DECOM < PREV_DEC
    """,
)
