"""Small-number suppression for everything the Panel sees (report HTML and Excel).

The rule, as DfE statistics apply it to children looked after:

- Primary: a count of children (or of events) from 1 to threshold - 1 is shown as "c".
  Zero is shown: it discloses nothing about an individual.
- A percentage, rate or average is shown as "c" when a count it is built from is suppressed:
  its numerator for percentages and rates, the number of children for an average.
- Secondary: a table whose total is shown must not let a reader recover a suppressed cell
  by subtraction. When a table (a breakdown, or a percentage seen as the two cells "yes"
  and "no" that add up to its denominator) has exactly one suppressed cell, the next
  smallest non-zero cell is suppressed too (ties: the first in the table's order).
  A total that is itself small suppresses every non-zero cell.

Cross-table differencing (two breakdowns of the same total) is protected because each
table is protected against its own, published, total.
"""

from __future__ import annotations

from collections.abc import Mapping


def is_small(count: float | None, threshold: int) -> bool:
    """A count the rule hides: from 1 to threshold - 1."""
    return count is not None and 0 < count < threshold


def suppress_table(
    counts: Mapping[str, float | None], total: float | None, threshold: int
) -> set[str]:
    """Keys of the cells to show as "c", primary and secondary, for one table with a total."""
    nonzero = [key for key, count in counts.items() if count]
    if is_small(total, threshold):
        return set(nonzero)
    hidden = {key for key, count in counts.items() if is_small(count, threshold)}
    if len(hidden) == 1:
        candidates = [key for key in nonzero if key not in hidden]
        if candidates:
            order = list(counts)
            hidden.add(min(candidates, key=lambda k: (counts[k], order.index(k))))
    return hidden


def percent_suppressed(numerator: float | None, denominator: float | None, threshold: int) -> bool:
    """A percentage's two cells (with / without) against its denominator as the total."""
    if numerator is None or denominator is None:
        return numerator is not None and is_small(numerator, threshold)
    cells = {"yes": numerator, "no": denominator - numerator}
    return "yes" in suppress_table(cells, denominator, threshold)


def figure_suppressed(
    unit: str,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    threshold: int,
    denominator_shown: bool = True,
) -> bool:
    """Whether one published LA figure must be shown as "c", by its unit.

    A value whose counts are unknown (numerator missing for a percentage, rate or average)
    cannot be checked, so it is suppressed rather than risked. A percentage's complement
    (those without) can only be worked out when its denominator is itself published
    (`denominator_shown`); otherwise only a small numerator or a small base hides it, as
    DfE's own LA tables do (Harrow's 97% with a health assessment is published).
    """
    if value is None:
        return False
    if unit == "count":
        return is_small(value, threshold)
    if unit == "percent":
        if numerator is None:
            return True
        if not denominator_shown:
            return is_small(numerator, threshold) or is_small(denominator, threshold)
        return percent_suppressed(numerator, denominator, threshold)
    if unit == "rate":
        return numerator is None or is_small(numerator, threshold)
    if unit == "score":
        return denominator is None or is_small(denominator, threshold)
    return is_small(value, threshold)
