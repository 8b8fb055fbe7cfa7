"""England's bank holidays: the seed is the `holidays` package's list, never a hand-written one."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
from pathlib import Path

import holidays

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "dbt" / "seeds" / "calendar" / "england_bank_holidays.csv"


def _script():
    spec = importlib.util.spec_from_file_location(
        "england_bank_holidays", REPO / "scripts" / "england_bank_holidays.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_the_seed_equals_the_packages_list() -> None:
    script = _script()
    with SEED.open(encoding="utf-8", newline="") as handle:
        seeded = [(r["holiday_date"], r["holiday_name"]) for r in csv.DictReader(handle)]
    expected = holidays.country_holidays(
        "GB", subdiv="ENG", years=range(script.FIRST_YEAR, script.LAST_YEAR + 1)
    )
    assert seeded == [(d.isoformat(), n) for d, n in sorted(expected.items())]
    assert seeded == script.bank_holidays()


def test_one_off_bank_holidays_are_in_it() -> None:
    """The ones a hand-typed list forgets: jubilee, state funeral, coronation."""
    with SEED.open(encoding="utf-8", newline="") as handle:
        dates = {dt.date.fromisoformat(r["holiday_date"]) for r in csv.DictReader(handle)}
    for day in ("2022-06-03", "2022-09-19", "2023-05-08", "2020-05-08", "2012-06-05"):
        assert dt.date.fromisoformat(day) in dates, day
    # substitute days: Christmas 2022 fell on a Sunday, so 27 December was the bank holiday
    assert dt.date(2022, 12, 27) in dates
    # Scotland's 2 January is not England's
    assert dt.date(2024, 1, 2) not in dates
