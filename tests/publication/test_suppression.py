"""The disclosure rules on hand-worked cases."""

from __future__ import annotations

import datetime as dt

import pytest

from dagster_project.publication.figures import make_figure
from dagster_project.publication.periods import (
    collection_year,
    is_provisional,
    shift_months,
)
from dagster_project.publication.suppression import (
    figure_suppressed,
    is_small,
    percent_suppressed,
    suppress_table,
)


@pytest.mark.parametrize(("count", "small"), [(0, False), (1, True), (5, True), (6, False)])
def test_counts_from_one_to_five_are_small(count: int, small: bool) -> None:
    assert is_small(count, 6) is small


def test_threshold_is_configurable() -> None:
    assert is_small(9, 10) and not is_small(10, 10)


def test_single_hidden_cell_takes_the_next_smallest_with_it() -> None:
    # 3 could be recovered as 200 - 110 - 87, so 87 (next smallest non-zero) goes too
    assert suppress_table({"m": 110, "f": 87, "u": 3}, 200, 6) == {"u", "f"}


def test_zero_is_never_the_secondary_cell() -> None:
    assert suppress_table({"a": 150, "b": 0, "c": 5, "d": 8}, 163, 6) == {"c", "d"}


def test_two_hidden_cells_need_no_secondary() -> None:
    assert suppress_table({"a": 4, "b": 5, "c": 21, "d": 0}, 30, 6) == {"a", "b"}


def test_ties_take_the_first_in_table_order() -> None:
    assert suppress_table({"a": 2, "b": 9, "c": 9}, 20, 6) == {"a", "b"}


def test_small_total_hides_every_non_zero_cell() -> None:
    assert suppress_table({"a": 3, "b": 0, "c": 1}, 4, 6) == {"a", "c"}


def test_nothing_small_nothing_hidden() -> None:
    assert suppress_table({"a": 12, "b": 18}, 30, 6) == set()


def test_percentage_hidden_when_the_complement_is_small() -> None:
    # 58 of 60 with an assessment: the 2 without could be read off the total
    assert percent_suppressed(58, 60, 6)
    assert percent_suppressed(2, 190, 6)
    assert not percent_suppressed(22, 200, 6)
    assert not percent_suppressed(0, 40, 6)  # 0 of 40: nothing to protect
    assert not percent_suppressed(40, 40, 6)  # all of 40


def test_figure_rules_by_unit() -> None:
    assert figure_suppressed("count", 4, 4, None, 6)
    assert not figure_suppressed("count", 0, 0, None, 6)
    assert figure_suppressed("rate", 8.0, 4, 50000, 6)  # 4 children per 50,000
    assert not figure_suppressed("rate", 40.0, 200, 50000, 6)
    assert figure_suppressed("score", 15.0, 60, 4, 6)  # an average of 4 children
    assert figure_suppressed("percent", 50.0, None, None, 6)  # counts unknown: not risked
    # complement rule only when the denominator is published somewhere in the report
    assert figure_suppressed("percent", 96.7, 58, 60, 6, denominator_shown=True)
    assert not figure_suppressed("percent", 96.7, 58, 60, 6, denominator_shown=False)
    assert figure_suppressed("percent", 5.0, 3, 60, 6, denominator_shown=False)
    assert figure_suppressed("percent", 100.0, 4, 4, 6, denominator_shown=False)  # base of 4
    assert not figure_suppressed("percent", None, None, None, 6)


def test_rounding_is_half_up_as_dfe_publishes() -> None:
    assert make_figure(8.5, "percent").text == "9%"
    assert make_figure(12.5, "percent").text == "13%"
    assert make_figure(14.95, "score").text == "15.0"
    assert make_figure(1234, "count").text == "1,234"
    assert make_figure(4, "count", suppressed=True).text == "c"
    assert make_figure(None, "count").text == "–"


def test_month_ends_stay_month_ends() -> None:
    assert shift_months(dt.date(2025, 6, 30), -3) == dt.date(2025, 3, 31)
    assert shift_months(dt.date(2025, 3, 31), -30) == dt.date(2022, 9, 30)
    assert shift_months(dt.date(2024, 2, 29), -12) == dt.date(2023, 2, 28)
    assert shift_months(dt.date(2025, 5, 15), -3) == dt.date(2025, 2, 15)


def test_provisional_after_the_latest_dfe_year() -> None:
    assert collection_year(dt.date(2024, 6, 30)) == 2025
    assert collection_year(dt.date(2025, 3, 31)) == 2025
    assert not is_provisional(dt.date(2024, 3, 31), 2024)
    assert is_provisional(dt.date(2024, 6, 30), 2024)
    assert is_provisional(dt.date(2020, 3, 31), None)
