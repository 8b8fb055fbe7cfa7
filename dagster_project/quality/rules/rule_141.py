"""DfE rule 141. An episode start that is blank or not a date: the episode cannot be placed in
time.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="141",
    message="Date episode began is not a valid date.",
    table="episodes",
    fields=("DECOM",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, DECOM_text as DECOM, _source_file, _row_number
        from {episodes}
        where DECOM is null and DECOM_text is not null
    """,
)
