"""Read a landed CSV as text, exactly as given, in batches.

Values are not trimmed, cast or recoded here: the raw layer keeps what the file said and
staging does the cleaning. Only the header is normalised (case, spaces) so the same column
named "Person Id" or "PERSON_ID" lands in one place. Rows whose field count disagrees with
the header cannot be placed column by column, so they are quarantined with the reason.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

BATCH_ROWS = 50_000

csv.field_size_limit(16 * 1024 * 1024)


class HeaderError(ValueError):
    """The header row cannot be used (missing, blank or duplicated names)."""


def normalise_header(name: str, case: str) -> str:
    """`' Person Id '` -> `PERSON_ID` (or lower case for DfE files)."""
    cleaned = re.sub(r"[\s\-\.]+", "_", name.replace("\ufeff", "").strip()).strip("_")
    return cleaned.upper() if case == "upper" else cleaned.lower()


@dataclass
class Quarantined:
    row_number: int
    line_number: int
    reason: str
    record: str


@dataclass
class Batch:
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)


@dataclass
class CsvFile:
    """An open CSV: its original and normalised header, and a batch iterator."""

    original_header: list[str]
    header: list[str]
    batches: Iterator[Batch]


def open_csv(
    opener: Callable[[], BinaryIO],
    encoding: str,
    case: str,
    column_map: dict[str, str] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> CsvFile:
    """Parse the header now; rows are read lazily in batches of `batch_rows`."""
    binary = opener()
    text = io.TextIOWrapper(binary, encoding=encoding, newline="")
    reader = csv.reader(text)
    original: list[str] | None = None
    for record in reader:
        if any(cell.strip() for cell in record):
            original = record
            break
    if original is None:
        text.close()
        raise HeaderError("no header row")
    while original and not original[-1].strip():
        original = original[:-1]  # trailing empty header cells from spreadsheet exports
    header = [normalise_header(h, case) for h in original]
    mapping = column_map or {}
    header = [mapping.get(h, h) for h in header]
    blanks = [str(i + 1) for i, h in enumerate(header) if not h]
    if blanks:
        text.close()
        raise HeaderError(f"blank column name at position(s) {', '.join(blanks)}")
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        text.close()
        raise HeaderError(f"duplicate column(s) after normalising names: {', '.join(dupes)}")

    def batches() -> Iterator[Batch]:
        width = len(header)
        batch = Batch()
        row_number = 0
        try:
            for record in reader:
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue  # blank line
                row_number += 1
                if len(record) > width and not any(c.strip() for c in record[width:]):
                    record = record[:width]
                if len(record) != width:
                    batch.quarantined.append(
                        Quarantined(
                            row_number=row_number,
                            line_number=reader.line_num,
                            reason=f"has {len(record)} fields, header has {width}",
                            record=",".join(record)[:2000],
                        )
                    )
                else:
                    batch.rows.append((row_number, record))
                if len(batch.rows) >= batch_rows:
                    yield batch
                    batch = Batch()
            if batch.rows or batch.quarantined:
                yield batch
        finally:
            text.close()

    return CsvFile(original_header=original, header=header, batches=batches())
