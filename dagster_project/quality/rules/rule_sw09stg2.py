"""DfE rule SW09STG2. A social worker episode lasts more than a day: until 2024-25 one ending
on the day it started; from 2025-26 one ending less than 3 days after it started (or
before it)."""

from dagster_project.quality.rule import WARNING, Rule

_MESSAGE = "Social worker episode appears to have lasted for less than 24 hours."
RULES = (
    Rule(
        code="SW09STG2",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DECOM", "SW_DEC"),
        severity=WARNING,
        sql="""
            select CHILD, SW_DECOM_text as SW_DECOM, SW_DEC_text as SW_DEC,
                _source_file, _row_number
            from {sw_episodes}
            where SW_DEC_text = SW_DECOM_text
        """,
        first_year=2024,
        last_year=2025,
    ),
    Rule(
        code="SW09STG2",
        message=_MESSAGE,
        table="sw_episodes",
        fields=("SW_DECOM", "SW_DEC"),
        severity=WARNING,
        sql="""
            select CHILD, SW_DECOM, SW_DEC, _source_file, _row_number
            from {sw_episodes}
            where date_diff('day', SW_DECOM, SW_DEC) < 3
        """,
        first_year=2026,
    ),
)
