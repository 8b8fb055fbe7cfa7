"""DfE rule 141. An episode start that is blank or not a date: the episode cannot be placed in
time.
"""

from dagster_project.quality.rule import BLOCKING, Rule

RULE = Rule(
    code="141",
    message="Date episode began is not a valid date.",
    table="episodes",
    fields=("DECOM",),
    severity=BLOCKING,
    sql="""
        select trim(CHILD) as CHILD, DECOM, _source_file, _row_number
        from {raw_episodes}
        where dq_blank(DECOM)
          or dq_bad_date(DECOM)
    """,
)
