"""DfE rule 356. DEC before DECOM: the episode has negative length and every count over it is
wrong.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="356",
    message="The date the episode ceased is before the date the same episode started.",
    table="episodes",
    fields=("DECOM", "DEC"),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DECOM, DEC, _source_file, _row_number
        from {episodes}
        where DEC < DECOM
    """,
)
