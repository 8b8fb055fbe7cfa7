"""What a run's landed data covers, and whether it may replace what is published.

Structural checks (spec/outputs.md v2: publication refused) that need more than one file:

- **Extract date.** A Mosaic extract's date is read from its folder name, in the forms LAs
  use: `2025-12-31`, `31-12-2025`, `20251231`, `31122025`, `31.12.2025`, `31_12_2025`,
  possibly inside a longer name (`mosaic_extract_2025-12-31`). Day-first forms are read as
  UK dates. Dates are compared as dates, never as text, so the latest extract is chosen by
  its date (`31-03-2026` is later than `31-12-2025`). A folder whose name holds no date
  is refused, named, with the forms above: the run cannot know which extract is the latest.
- **Older than the publication.** The data's as-at date (the latest Mosaic extract's date,
  or 31 March of the latest SSDA903 collection year) must not be earlier than that of the
  current publication (`release.json`), unless the run is given `--allow-older`.
- **Truncated.** A required file with fewer than `TRUNCATED_SHARE` of the data rows the same
  file had in the extract (Mosaic) or collection year (SSDA903) last published is refused
  as truncated, unless the run is given `--allow-fewer-rows`. (A file whose last line is
  cut mid-record is refused by the reader itself; see `csv_reader`.)

Messages name folders, files, counts and dates of extracts, never a value from a row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import duckdb

TRUNCATED_SHARE = 0.5
DATE_FORMS = "YYYY-MM-DD, DD-MM-YYYY, YYYYMMDD, DDMMYYYY, DD.MM.YYYY, DD_MM_YYYY or DD Mon YYYY"

_SEP = r"[-._ ]"
_PATTERNS = (
    # year first: 2025-12-31, 2025_12_31, 2025.12.31
    (re.compile(rf"(?<!\d)(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})(?!\d)"), "ymd"),
    # day first (UK): 31-12-2025, 31.12.2025, 31_12_2025
    (re.compile(rf"(?<!\d)(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})(?!\d)"), "dmy"),
    # eight digits: 20251231 or 31122025 (never both valid: a month is never 19 or 20)
    (re.compile(r"(?<!\d)(\d{8})(?!\d)"), "compact"),
    # month named: 31 Dec 2025, 31-December-2025, 31dec2025
    (re.compile(r"(?<!\d)(\d{1,2})[-._ ]?([A-Za-z]{3,9})[-._ ]?(\d{4})(?!\d)"), "dMy"),
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2199:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_extract_date(name: str) -> dt.date | None:
    """The date in an extract folder's name, or None when it holds no (single) date."""
    found: set[dt.date] = set()
    for pattern, form in _PATTERNS:
        for match in pattern.finditer(name):
            if form == "ymd":
                date = _date(int(match[1]), int(match[2]), int(match[3]))
            elif form == "dmy":
                date = _date(int(match[3]), int(match[2]), int(match[1]))
            elif form == "dMy":
                month = MONTHS.get(match[2].lower())
                date = _date(int(match[3]), month, int(match[1])) if month else None
            else:
                digits = match[1]
                date = _date(int(digits[:4]), int(digits[4:6]), int(digits[6:])) or _date(
                    int(digits[4:]), int(digits[2:4]), int(digits[:2])
                )
            if date is not None:
                found.add(date)
    return found.pop() if len(found) == 1 else None


def collection_year_end(batch: str) -> dt.date | None:
    return dt.date(int(batch), 3, 31) if re.fullmatch(r"\d{4}", batch) else None


@dataclass
class Extent:
    """What the data feeding this run's figures covers."""

    source_system: str
    as_at: dt.date | None = None
    batch: str | None = None  # Mosaic: the extract used
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # batch -> file kind -> rows
    undated: list[str] = field(default_factory=list)  # Mosaic extract folders with no date

    def to_json(self) -> dict[str, Any]:
        return {
            "source_system": self.source_system,
            "as_at": self.as_at.isoformat() if self.as_at else None,
            "batch": self.batch,
            "rows": self.rows,
        }


def landed_extent(con: duckdb.DuckDBPyConnection, source: str) -> Extent:
    """The extent of what is landed now for `source` (from `raw.load_log`)."""
    extent = Extent(source_system=source)
    exists = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'raw' and table_name = 'load_log'"
    ).fetchone()[0]
    if not exists:
        return extent
    rows = con.execute(
        """
        select batch, table_name, sum(rows) from (
            select batch, source_file, table_name, rows, status from raw.load_log
            where source = ?
            qualify row_number() over (partition by source_file order by log_id desc) = 1
        )
        where status in ('loaded', 'replaced', 'unchanged') and batch <> ''
        group by all
        """,
        [source],
    ).fetchall()
    prefix = f"{source}_"
    by_batch: dict[str, dict[str, int]] = {}
    for batch, table, count in rows:
        kind = table[len(prefix) :] if table.startswith(prefix) else table
        by_batch.setdefault(batch, {})[kind] = int(count or 0)
    if source == "mosaic":
        # every folder of this landing (files rejected or not) must be dated
        live = con.execute(
            """
            select distinct batch from raw.load_log where source = 'mosaic'
            qualify row_number() over (partition by source_file order by log_id desc) = 1
                and status <> 'removed'
            """
        ).fetchall()
        extent.undated = sorted(b for (b,) in live if b and parse_extract_date(b) is None)
        # the view landing defines is the one definition of the latest extract
        latest = con.execute(
            "select _batch, extract_date from raw.mosaic_latest_extract"
        ).fetchone()
        if latest and latest[0] in by_batch:
            extent.batch, extent.as_at = latest[0], latest[1]
            extent.rows = {latest[0]: by_batch[latest[0]]}
    elif source == "ssda903":
        years = {b: collection_year_end(b) for b in by_batch}
        known = {b: d for b, d in years.items() if d is not None}
        if known:
            extent.as_at = max(known.values())
        extent.rows = {b: by_batch[b] for b in known}
    return extent


def problems(
    extent: Extent,
    published: dict[str, Any] | None,
    required_kinds: dict[str, str],
    allow_older: bool = False,
    allow_fewer_rows: bool = False,
) -> list[str]:
    """Why this landing must not replace the publication (empty: it may).

    `published` is the current release's `figures` (None before the first publication);
    `required_kinds` maps each required file kind to its file name, for messages.
    """
    found: list[str] = []
    for batch in extent.undated:
        found.append(
            f"extract folder {batch!r} has no date in its name ({DATE_FORMS}): the run "
            "cannot tell which extract is the latest; rename the folder"
        )
    if not published:
        return found
    before = _as_date(published.get("as_at"))
    if extent.as_at and before and extent.as_at < before and not allow_older:
        what = f"extract {extent.batch}" if extent.batch else "data"
        found.append(
            f"{what} runs to {extent.as_at.isoformat()}, older than the publication "
            f"(run {published.get('run_id')}, data to {before.isoformat()}): refused; "
            "run with --allow-older to publish an earlier period"
        )
    if allow_fewer_rows or published.get("source_system") != extent.source_system:
        return found
    then = published.get("rows") or {}
    if extent.source_system == "mosaic" and extent.batch and then:
        pairs = [(extent.batch, next(iter(then)))]
    else:
        pairs = [(b, b) for b in extent.rows if b in then]
    for batch, old_batch in pairs:
        for kind, name in required_kinds.items():
            now_rows = extent.rows.get(batch, {}).get(kind, 0)
            old_rows = int((then.get(old_batch) or {}).get(kind, 0))
            if old_rows and now_rows < TRUNCATED_SHARE * old_rows:
                found.append(
                    f"{batch}/{name} has {now_rows} data rows, {old_rows} in "
                    f"{old_batch}/{name} last published: truncated? refused; run with "
                    "--allow-fewer-rows if the extract really shrank"
                )
    return found


def _as_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
