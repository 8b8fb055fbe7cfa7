"""DfE rule SW05STG1. The social worker episode's end date, when given, is a date. Until
2024-25 a day, month or year given as unknown (ZZ/ZZ/ZZZZ) was accepted; from 2025-26 the
date must be whole. (DfE words this rule's message as it does, "began", for the end date
too.)"""

from dagster_project.quality.rule import RECORD_ERROR, Rule
from dagster_project.quality.rules.partial_dates import date_or_partly_unknown_sql

_MESSAGE = "Date social worker episode began is not a valid date."
RULES = (
    Rule(
        code="SW05STG1",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DEC",),
        severity=RECORD_ERROR,
        sql=f"""
            select CHILD, SW_DEC_text as SW_DEC, _source_file, _row_number
            from {{sw_episodes}}
            where SW_DEC_text is not null
              and not {date_or_partly_unknown_sql("SW_DEC_text")}
        """,
        first_year=2024,
        last_year=2025,
    ),
    Rule(
        code="SW05STG1",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DEC",),
        severity=RECORD_ERROR,
        sql="""
            select CHILD, SW_DEC_text as SW_DEC, _source_file, _row_number
            from {sw_episodes}
            where dq_bad_date(SW_DEC_text)
        """,
        first_year=2026,
    ),
)
