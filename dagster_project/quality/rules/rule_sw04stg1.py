"""DfE rule SW04STG1. The social worker episode's start date, when given, is a date. Until
2024-25 a day, month or year given as unknown (ZZ/ZZ/ZZZZ) was accepted; from 2025-26 the
date must be whole."""

from dagster_project.quality.rule import RECORD_ERROR, Rule
from dagster_project.quality.rules.partial_dates import date_or_partly_unknown_sql

_MESSAGE = "Date social worker episode began is not a valid date.."
RULES = (
    Rule(
        code="SW04STG1",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DECOM",),
        severity=RECORD_ERROR,
        sql=f"""
            select CHILD, SW_DECOM_text as SW_DECOM, _source_file, _row_number
            from {{sw_episodes}}
            where SW_DECOM_text is not null
              and not {date_or_partly_unknown_sql("SW_DECOM_text")}
        """,
        first_year=2024,
        last_year=2025,
    ),
    Rule(
        code="SW04STG1",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DECOM",),
        severity=RECORD_ERROR,
        sql="""
            select CHILD, SW_DECOM_text as SW_DECOM, _source_file, _row_number
            from {sw_episodes}
            where dq_bad_date(SW_DECOM_text)
        """,
        first_year=2026,
    ),
)
