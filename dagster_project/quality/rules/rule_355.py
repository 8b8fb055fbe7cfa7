"""DfE rule 355. An episode ending the day it started lasted less than 24 hours: same date
given (as text, or as the same date in two accepted forms).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="355",
    message="Episode appears to have lasted for less than 24 hours",
    table="episodes",
    fields=("DECOM", "DEC"),
    severity=WARNING,
    sql="""
        select CHILD, DECOM_text as DECOM, DEC_text as DEC, _source_file, _row_number
        from {episodes}
        where DECOM_text = DEC_text or DECOM = DEC
    """,
)
