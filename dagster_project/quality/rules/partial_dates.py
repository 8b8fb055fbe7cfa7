"""A date whose day, month or year may be unknown (`ZZ/ZZ/ZZZZ`, `01/01/ZZZZ`): DfE's
validator accepted such dates for the social worker episode dates until 2024-25 (rules
SW04STG1 and SW05STG1), taking an unknown part as any.

Not a rule module (the registry reads `rule_*.py` only).
"""

from __future__ import annotations

from dagster_project.date_forms import parse_date_sql


def date_or_partly_unknown_sql(text: str) -> str:
    """SQL (braces doubled: a rule's SQL is a template) true when `text` is a date, each of
    its day, month (ZZ) or year (ZZZZ) possibly unknown; null when `text` is null."""
    part = f"string_split(upper(trim({text})), '/')"
    day = f"case when {part}[1] = 'ZZ' then '01' else {part}[1] end"
    month = f"case when {part}[2] = 'ZZ' then '01' else {part}[2] end"
    year = f"case when {part}[3] = 'ZZZZ' then '2000' else {part}[3] end"
    known = f"concat_ws('/', {day}, {month}, {year})"
    parsed = parse_date_sql(known).replace("{", "{{").replace("}", "}}")
    return f"(len({part}) = 3 and {parsed} is not null)"
