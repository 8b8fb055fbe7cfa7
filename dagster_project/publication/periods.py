"""Reporting-date arithmetic and the provisional-figures rule for the Panel report.

Previous quarter and a year ago follow indicators.md's clamped calendar-month arithmetic,
with month ends kept at month ends (30 June minus 3 months is 31 March, as a reader of a
quarterly report expects).
"""

from __future__ import annotations

import calendar
import datetime as dt

QUARTER_END_MONTHS = (3, 6, 9, 12)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months; a month end stays a month end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


def is_quarter_end(day: dt.date) -> bool:
    return day.month in QUARTER_END_MONTHS and day == _month_end(day.year, day.month)


def collection_year(day: dt.date) -> int:
    """The SSDA903 collection year (year of its 31 March) a reporting date falls in."""
    return day.year if day.month <= 3 else day.year + 1


def is_provisional(day: dt.date, latest_published_year: int | None) -> bool:
    """Provisional: DfE has not yet published the collection year this date falls in.

    Until DfE publishes a year, the LA's figures for it can still change (late recording,
    903 validation and resubmission), and cannot be compared with England's final figures.
    With no DfE release loaded we cannot tell, so every figure is marked provisional.
    """
    if latest_published_year is None:
        return True
    return collection_year(day) > latest_published_year


def quarter_label(day: dt.date) -> str:
    """Short axis label, e.g. 'Jun 25'."""
    return day.strftime("%b %y")


def long_label(day: dt.date) -> str:
    """E.g. '30 June 2025'."""
    return f"{day.day} {day.strftime('%B %Y')}"
