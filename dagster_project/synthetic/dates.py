"""Dates as integer ordinals, with the clamped month arithmetic of indicators.md.

The generator handles tens of millions of dates: plain ints are cheap to compare and add,
and a precomputed table turns an ordinal into its `dd/mm/yyyy` text without strftime.
"""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months, clamped to month end (31/03 - 1 month = 28/02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_months_ord(ordinal: int, months: int) -> int:
    return add_months(dt.date.fromordinal(ordinal), months).toordinal()


def birthday_ord(dob: int, years: int) -> int:
    """The `years`th birthday (a 29 February child turns a year older on 28 February)."""
    day = dt.date.fromordinal(dob)
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28).toordinal()
    return day.replace(year=year).toordinal()


def collection_year(day: dt.date) -> int:
    """SSDA903 collection year of a date: the year of the 31 March that ends it."""
    return day.year + 1 if day.month >= 4 else day.year


def year_end(year: int) -> int:
    """31 March of collection year `year`, as an ordinal."""
    return dt.date(year, 3, 31).toordinal()


def year_start(year: int) -> int:
    """1 April opening collection year `year` (the CIN census year's first day)."""
    return dt.date(year - 1, 4, 1).toordinal()


class DateTable:
    """Text and collection year of every day from `first` to `last` (inclusive)."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.base = first.toordinal()
        days = [first + dt.timedelta(days=k) for k in range(last.toordinal() - self.base + 1)]
        self.text = [f"{d.day:02d}/{d.month:02d}/{d.year:04d}" for d in days]
        self.iso = [d.isoformat() for d in days]  # CIN census XML dates
        self.year = [collection_year(d) for d in days]

    def fmt(self, ordinal: int | None) -> str:
        return "" if ordinal is None else self.text[ordinal - self.base]

    def cy(self, ordinal: int) -> int:
        return self.year[ordinal - self.base]
