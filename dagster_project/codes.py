"""SSDA903 code lists for Python code (generator, rules): read from the dbt seed.

`dbt/seeds/code_lists.csv` is the single list of valid codes; dbt models join it as a
seed, and Python reads the same file, so the two can never disagree. Each code carries the
collection years it is valid for (`first_year`, `last_year`: years of the 31 March, blank
= open): a return is checked against its own year's lists, while a history spanning years
(the indicators) reads every code of any year.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from dagster_project.settings import DBT_PROJECT_DIR

CODE_LISTS = DBT_PROJECT_DIR / "seeds" / "code_lists.csv"
# The earliest collection year checked (2017-18): the validator's fake data is a 2017-18
# return, and DfE's 903 guidance for the years before is out of scope.
FIRST_YEAR = 2018


@dataclass(frozen=True)
class Code:
    field: str
    code: str
    description: str
    category: str
    first_year: int | None
    last_year: int | None
    successor: str | None = None

    def valid_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or year <= self.last_year
        )


def _year(text: str | None) -> int | None:
    return int(text) if text and text.strip() else None


@cache
def all_codes() -> tuple[Code, ...]:
    with CODE_LISTS.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Code(
                r["field"],
                r["code"],
                r["description"],
                r["category"],
                _year(r.get("first_year")),
                _year(r.get("last_year")),
                (r.get("successor") or "").strip() or None,
            )
            for r in csv.DictReader(handle)
        )


def _rows() -> tuple[tuple[str, str, str, str], ...]:
    """(field, code, description, category) of every code of any year."""
    return tuple((c.field, c.code, c.description, c.category) for c in all_codes())


def codes(field: str, year: int | None = None) -> dict[str, str]:
    """Valid codes of a 903 field, mapped to their indicator category: those of collection
    year `year` (year of its 31 March), or of any year when `year` is None."""
    found = {
        c.code: c.category
        for c in all_codes()
        if c.field == field and (year is None or c.valid_in(year))
    }
    if not any(c.field == field for c in all_codes()):
        raise KeyError(f"no code list for field {field!r}")
    return found


@cache
def year_codes(field: str, year: int) -> dict[str, str]:
    """How a code outside collection year `year`'s list is written in that year's return,
    when DfE replaced it: a retired code as its successor (PLACE H5 -> K3 from 2025-26),
    a code not yet introduced as the code it replaced (K3 -> H5 before 2024-25). An episode
    open across the change carries each year's code in each year's return."""
    found: dict[str, str] = {}
    mine = [c for c in all_codes() if c.field == field]
    by_code = {c.code: c for c in mine}
    for code in mine:
        if code.valid_in(year) or code.successor is None:
            continue
        successor = by_code.get(code.successor)
        if successor is not None and successor.valid_in(year):
            found[code.code] = successor.code
    for code in mine:
        if code.valid_in(year):
            continue
        before = [p for p in mine if p.successor == code.code and p.valid_in(year)]
        if before and code.code not in found:
            found[code.code] = before[0].code
    return found
