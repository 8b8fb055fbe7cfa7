"""SSDA903 code lists for Python code (generator, rules): read from the dbt seed.

`dbt/seeds/code_lists.csv` is the single list of valid codes; dbt models join it as a
seed, and Python reads the same file, so the two can never disagree.
"""

from __future__ import annotations

import csv
from functools import cache

from dagster_project.settings import DBT_PROJECT_DIR

CODE_LISTS = DBT_PROJECT_DIR / "seeds" / "code_lists.csv"


@cache
def _rows() -> tuple[tuple[str, str, str, str], ...]:
    with CODE_LISTS.open(encoding="utf-8", newline="") as handle:
        return tuple(
            (r["field"], r["code"], r["description"], r["category"]) for r in csv.DictReader(handle)
        )


def codes(field: str) -> dict[str, str]:
    """Valid codes of a 903 field, mapped to their indicator category."""
    found = {code: category for f, code, _, category in _rows() if f == field}
    if not found:
        raise KeyError(f"no code list for field {field!r}")
    return found
