"""What a valid date is in an input file: read from the one definition in dbt_project.yml.

`vars.date_forms` (each a regex for the date part and the strptime format that reads it) and
`vars.date_time_suffix` (an optional time of day, ignored) define a valid date once. dbt's
`parse_date` macro renders them into SQL; this module renders the same SQL for the DfE
rules' typed return (built without dbt for `cla validate`) and the regex the GX raw suites
check the landed text with, so a string gets the same verdict everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from dagster_project import yaml_io
from dagster_project.settings import DBT_PROJECT_DIR


@dataclass(frozen=True)
class DateForm:
    pattern: str  # regex of the date part (RE2 and Python `re` alike)
    format: str  # strptime format of the date part


@cache
def _vars() -> dict:
    project = yaml_io.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return project["vars"]


@cache
def date_forms() -> tuple[DateForm, ...]:
    return tuple(DateForm(f["pattern"], f["format"]) for f in _vars()["date_forms"])


def time_suffix() -> str:
    return str(_vars()["date_time_suffix"])


def parse_date_sql(expr: str) -> str:
    """SQL: the DATE `expr` (text) holds, or null; as dbt's `parse_date` macro renders it."""
    whens = "".join(
        f" when regexp_matches(trim({expr}), '^{f.pattern}{time_suffix()}$')"
        f" then cast(try_strptime(regexp_extract(trim({expr}), '^{f.pattern}'),"
        f" '{f.format}') as date)"
        for f in date_forms()
    )
    return f"(case{whens} end)"


def text_regex() -> str:
    """A Python regex matching text that is blank or has an accepted date form (GX raw
    suites: the form only; whether the day exists is the DfE date rules' finding)."""
    forms = "|".join(f.pattern for f in date_forms())
    return rf"^\s*(?:{forms}){time_suffix()}\s*$|^\s*$"


def parse_date(text: str | None) -> dt.date | None:
    """The date `text` holds, or None (Python twin of `parse_date_sql`, for small inputs)."""
    value = (text or "").strip(" ")
    for form in date_forms():
        if re.fullmatch(form.pattern + time_suffix(), value):
            part = re.match(form.pattern, value)
            try:
                return dt.datetime.strptime(part.group(0), form.format).date()  # type: ignore[union-attr]
            except ValueError:
                return None
    return None
