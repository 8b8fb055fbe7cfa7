"""Write the dbt seed of England's bank holidays from the `holidays` package.

Working-day indicators (assessments within 45 working days, conferences within 15) need
England's bank holidays, including one-off ones (jubilees, a state funeral, a coronation).
The list comes from the `holidays` package (pinned in pyproject.toml), never by hand: run
this after upgrading it, and the test `tests/cin/test_bank_holidays.py` checks that the seed
still equals the package's list.

    .venv/bin/python scripts/england_bank_holidays.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import holidays

FIRST_YEAR = 2000
LAST_YEAR = 2040
SEEDS = Path(__file__).resolve().parents[1] / "dbt" / "seeds"
SEED = SEEDS / "calendar" / "england_bank_holidays.csv"


def bank_holidays(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> list[tuple[str, str]]:
    """(ISO date, name) of every bank holiday in England, `first` to `last` inclusive."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(first, last + 1))
    return [(day.isoformat(), name) for day, name in sorted(calendar.items())]


def main() -> None:
    SEED.parent.mkdir(parents=True, exist_ok=True)
    with SEED.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["holiday_date", "holiday_name"])
        writer.writerows(bank_holidays())
    print(f"wrote {SEED} (holidays {holidays.__version__}, {FIRST_YEAR}-{LAST_YEAR})")


if __name__ == "__main__":
    main()
