"""Read a landed CSV as text, exactly as given, in batches.

Values are not trimmed, cast or recoded here: the raw layer keeps what the file said and
staging does the cleaning. Only the header is normalised (case, spaces) so the same column
named "Person Id" or "PERSON_ID" lands in one place. Rows whose field count disagrees with
the header cannot be placed column by column, so they are quarantined with the reason.

Memory is bounded per line: a physical line longer than `MAX_LINE_CHARS`, or a record
(quoted line breaks included) longer than `MAX_RECORD_CHARS`, stops the file with an error
naming its line number, before the line is held whole (a 200 MB line of short fields
would otherwise become millions of Python strings). A file whose last line has no line
break and is cut mid-record (fewer fields than the header, or inside an open quote) is
refused as truncated. Rows holding bytes that are not UTF-8 in a file read as UTF-8 (see
`encoding`) are quarantined, naming the line and byte. No error or reason ever quotes a
value from the file: they name lines, rows, positions and counts.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

BATCH_ROWS = 50_000
MAX_LINE_CHARS = 1_000_000  # a Mosaic or 903 row is under 1 kB; 1 MB is a broken file
MAX_RECORD_CHARS = 4_000_000

csv.field_size_limit(MAX_RECORD_CHARS)
_INVALID = re.compile("[\udc80-\udcff]")


class HeaderError(ValueError):
    """The header row cannot be used (missing, blank or duplicated names)."""


class LimitError(ValueError):
    """The file cannot be read within the reader's bounds (line too long, cut short)."""


class _Lines:
    """The text's physical lines, each read with a bound; counts lines and record size."""

    def __init__(self, text: io.TextIOBase) -> None:
        self.text = text
        self.line_number = 0
        self.record_chars = 0
        self.record_lines: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.text.readline(MAX_LINE_CHARS + 1)
        if not line:
            raise StopIteration
        self.line_number += 1
        if len(line) > MAX_LINE_CHARS:
            raise LimitError(
                f"line {self.line_number} is longer than {MAX_LINE_CHARS:,} characters: "
                "not a CSV this pipeline reads (is it the right file?)"
            )
        self.record_chars += len(line)
        if self.record_chars > MAX_RECORD_CHARS:
            raise LimitError(
                f"the record ending at line {self.line_number} is longer than "
                f"{MAX_RECORD_CHARS:,} characters (an unclosed quote?)"
            )
        self.record_lines.append(line)
        return line

    def next_record(self) -> None:
        self.record_chars = 0
        self.record_lines = []

    def open_quote(self) -> bool:
        """Does the record read last end inside a quoted field (odd number of quotes)?"""
        return sum(line.count('"') for line in self.record_lines) % 2 == 1


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
    """An open CSV: its original and normalised header, and a batch iterator.

    `header_line` is the physical line the header record ended on and `header_cells` how
    many cells it had before trailing empty ones were dropped: the loader hands a file to
    DuckDB's reader only when the header is the first line, whole (`loader`).
    """

    original_header: list[str]
    header: list[str]
    batches: Iterator[Batch]
    header_line: int = 1
    header_cells: int = 0
    close: Callable[[], None] = lambda: None


def _bad_bytes(record: list[str]) -> str:
    """The invalid bytes of a record as hex (e.g. `0xe9`), never the text around them."""
    found = sorted(
        {f"0x{ord(ch) - 0xDC00:02x}" for cell in record for ch in _INVALID.findall(cell)}
    )
    return ", ".join(found[:5])


def open_csv(
    opener: Callable[[], BinaryIO],
    encoding: str,
    case: str,
    column_map: dict[str, str] | None = None,
    batch_rows: int = BATCH_ROWS,
    invalid_bytes: bool = False,
    ends_with_newline: bool = True,
) -> CsvFile:
    """Parse the header now; rows are read lazily in batches of `batch_rows`.

    `invalid_bytes`: the file was sniffed as UTF-8 holding bytes that are not UTF-8 (they
    decode to lone surrogates, and their rows are quarantined). `ends_with_newline`: False
    when the file's last byte is not a line break (checked for a record cut short).
    """
    binary = opener()
    errors = "surrogateescape" if encoding.startswith("utf-8") else "strict"
    text = io.TextIOWrapper(binary, encoding=encoding, errors=errors, newline="")
    lines = _Lines(text)
    reader = csv.reader(lines)
    original: list[str] | None = None
    try:
        for record in reader:
            lines.next_record()
            if any(cell.strip() for cell in record):
                original = record
                break
    except BaseException:
        text.close()
        raise
    if original is None:
        text.close()
        raise HeaderError("no header row")
    header_line, header_cells = reader.line_num, len(original)
    while original and not original[-1].strip():
        original = original[:-1]  # trailing empty header cells from spreadsheet exports
    header = [normalise_header(h, case) for h in original]
    mapping = column_map or {}
    header = [mapping.get(h, h) for h in header]
    blanks = [str(i + 1) for i, h in enumerate(header) if not h]
    if blanks:
        text.close()
        raise HeaderError(f"blank column name at position(s) {', '.join(blanks)}")
    if invalid_bytes and _INVALID.search("".join(original)):
        text.close()
        raise HeaderError("the header row holds bytes that are not UTF-8")
    dupes = [i + 1 for i, h in enumerate(header) if header.index(h) != i]
    if dupes:
        # positions, not names: a file without a header has a data row here
        text.close()
        raise HeaderError(
            "duplicate column name(s) after normalising, at position(s) "
            + ", ".join(str(i) for i in dupes)
        )

    def batches() -> Iterator[Batch]:
        width = len(header)
        batch = Batch()
        row_number = 0
        last_short = last_open = False
        try:
            for record in reader:
                last_open = lines.open_quote()
                lines.next_record()
                if not record or (len(record) == 1 and not record[0].strip()):
                    last_short = False
                    continue  # blank line
                row_number += 1
                if len(record) > width and not any(c.strip() for c in record[width:]):
                    record = record[:width]
                last_short = len(record) < width
                reason = None
                if invalid_bytes and any(_INVALID.search(cell) for cell in record):
                    reason = f"holds byte(s) {_bad_bytes(record)} that are not UTF-8"
                elif len(record) != width:
                    reason = f"has {len(record)} fields, header has {width}"
                if reason:
                    text_record = ",".join(record)[:2000]
                    batch.quarantined.append(
                        Quarantined(
                            row_number=row_number,
                            line_number=reader.line_num,
                            reason=reason,
                            record=text_record.encode("utf-8", "surrogateescape").decode(
                                "cp1252", errors="replace"
                            )
                            if invalid_bytes
                            else text_record,
                        )
                    )
                else:
                    batch.rows.append((row_number, record))
                if len(batch.rows) >= batch_rows:
                    yield batch
                    batch = Batch()
            if not ends_with_newline and row_number and (last_short or last_open):
                raise LimitError(
                    f"the last line (line {reader.line_num}) is cut short: no line break at "
                    "the end of the file and "
                    + ("an unclosed quote" if last_open else "fewer fields than the header")
                    + ": the file looks truncated"
                )
            if batch.rows or batch.quarantined:
                yield batch
        finally:
            text.close()

    return CsvFile(
        original_header=original,
        header=header,
        batches=batches(),
        header_line=header_line,
        header_cells=header_cells,
        close=text.close,
    )
