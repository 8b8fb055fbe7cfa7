"""DfE rule 501. Overlapping episodes: the child would be counted twice."""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="501",
    message="A new episode has started before the end date of the previous episode.",
    table="episodes",
    fields=("DECOM", "PREV_DEC"),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DECOM, PREV_DEC, _source_file, _row_number
        from (select * from {episodes_ordered})
        where DECOM < PREV_DEC
    """,
)
