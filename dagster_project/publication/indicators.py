"""What the report knows about each indicator: the published seed `indicator_catalogue`, as is.

The catalogue (dbt/seeds/indicators) is the one definition of an indicator's number, title,
unit, polarity, headline flag, theme, order, decimals and breakdown total. The report keeps
no copy and guesses nothing: a publication without the catalogue, or an indicator the
catalogue does not list, stops the report with a message naming the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

CATALOGUE = "indicator_catalogue"
REQUIRED = (
    "indicator_id",
    "indicator_number",
    "title",
    "short_title",
    "unit",
    "polarity",
    "kind",
    "total_indicator_id",
    "headline",
    "display_order",
    "theme",
    "decimals",
)


class CatalogueError(RuntimeError):
    """The publication's indicator catalogue is missing or incomplete."""


@dataclass(frozen=True)
class IndicatorMeta:
    indicator_id: str
    number: int
    title: str
    short_title: str
    unit: str  # count, percent, rate, score
    polarity: str  # higher_is_better, lower_is_better, neutral
    headline: bool
    theme: str
    order: int
    kind: str  # value or breakdown
    total_indicator_id: str | None
    decimals: int


def load_catalogue(con: duckdb.DuckDBPyConnection) -> dict[str, IndicatorMeta]:
    """Every catalogue entry by id, in display order."""
    columns = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'main' and table_name = ?",
            [CATALOGUE],
        ).fetchall()
    }
    if not columns:
        raise CatalogueError(f"the publication has no table {CATALOGUE}")
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CatalogueError(f"{CATALOGUE} has no column(s) {', '.join(missing)}")
    rows = con.execute(
        f"select {', '.join(REQUIRED)} from main.{CATALOGUE} order by display_order, indicator_id"
    ).fetchall()
    result: dict[str, IndicatorMeta] = {}
    for row in rows:
        r = dict(zip(REQUIRED, row, strict=True))
        result[r["indicator_id"]] = IndicatorMeta(
            indicator_id=r["indicator_id"],
            number=int(r["indicator_number"]),
            title=r["title"],
            short_title=r["short_title"] or r["title"],
            unit=r["unit"],
            polarity=r["polarity"],
            headline=bool(r["headline"]),
            theme=r["theme"],
            order=int(r["display_order"]),
            kind=r["kind"],
            total_indicator_id=r["total_indicator_id"] or None,
            decimals=int(r["decimals"]),
        )
    return result
