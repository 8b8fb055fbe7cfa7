"""Land a source's folder into the `raw` schema, file by file.

The raw layer mirrors the landing area: every CSV becomes rows of `raw.<source>_<kind>`,
all columns text exactly as given, plus where each row came from. A file is one unit of
work: unchanged files are skipped, a changed file replaces its own rows in one
transaction, a bad file is rejected with a message naming the file (and row and field)
while the other files still land. Every outcome is appended to `raw.load_log`.
Input files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import duckdb
import pyarrow as pa

from dagster_project.landing.contracts import META_COLUMNS, FileContract, source_contract
from dagster_project.landing.csv_reader import HeaderError, open_csv
from dagster_project.landing.encoding import EncodingError, sniff
from dagster_project.landing.scan import FoundFile, scan

RAW = "raw"
ACCEPTED = ("loaded", "replaced", "unchanged")

LOAD_LOG_DDL = f"""
create sequence if not exists {RAW}.load_log_seq;
create table if not exists {RAW}.load_log (
    log_id bigint default nextval('{RAW}.load_log_seq'),
    scan_id varchar,
    source varchar,
    batch varchar,
    source_file varchar,
    input_root varchar,
    table_name varchar,
    file_sha256 varchar,
    encoding varchar,
    file_bytes bigint,
    rows bigint,
    quarantined bigint,
    status varchar,
    message varchar,
    columns varchar,
    contract_fingerprint varchar,
    loaded_at timestamp
);
create table if not exists {RAW}.quarantine (
    source varchar,
    table_name varchar,
    source_file varchar,
    file_sha256 varchar,
    row_number bigint,
    line_number bigint,
    reason varchar,
    record varchar,
    loaded_at timestamp
);
"""


def q(identifier: str) -> str:
    """Quote an identifier for DuckDB."""
    return '"' + identifier.replace('"', '""') + '"'


@dataclass
class FileOutcome:
    source_file: str
    table: str
    status: str
    rows: int = 0
    quarantined: int = 0
    message: str = ""


@dataclass
class LandingReport:
    source: str
    input_root: str
    scan_id: str
    outcomes: list[FileOutcome] = field(default_factory=list)

    def by_status(self) -> dict[str, int]:
        return dict(Counter(o.status for o in self.outcomes))

    def for_table(self, table: str) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.table == table]

    @property
    def rejected(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


def ensure_raw_schema(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Create the raw schema, the log, and every known table of `source` (empty)."""
    con.execute(f"create schema if not exists {RAW}")
    con.execute(LOAD_LOG_DDL)
    for contract in source_contract(source).files:
        _ensure_table(con, contract.table, list(contract.columns))


def _ensure_table(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
    meta = (
        f"{q('_batch')} varchar, {q('_source_file')} varchar, {q('_row_number')} bigint, "
        f"{q('_file_sha256')} varchar, {q('_loaded_at')} timestamp"
    )
    columns = list(dict.fromkeys(c for c in columns if c not in META_COLUMNS))
    data = ", ".join(f"{q(c)} varchar" for c in columns)
    con.execute(
        f"create table if not exists {RAW}.{q(table)} ({data + ', ' if data else ''}{meta})"
    )
    existing = {
        r[0].lower()
        for r in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ?",
            [RAW, table],
        ).fetchall()
    }
    for col in columns:
        if col.lower() not in existing:
            con.execute(f"alter table {RAW}.{q(table)} add column {q(col)} varchar")
            existing.add(col.lower())


class LandedState(NamedTuple):
    """What the log says about a file as last landed."""

    sha256: str | None
    fingerprint: str | None
    status: str
    table: str
    rows: int
    quarantined: int


def _current_state(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, LandedState]:
    """Latest log entry of each file of `source` that is still landed (not removed)."""
    rows = con.execute(
        f"""
        select source_file, file_sha256, contract_fingerprint, status, table_name, rows,
               quarantined
        from {RAW}.load_log
        where source = ?
        qualify row_number() over (partition by source_file order by log_id desc) = 1
        """,
        [source],
    ).fetchall()
    states = {r[0]: LandedState(*r[1:]) for r in rows}
    return {path: state for path, state in states.items() if state.status != "removed"}


def _log(
    con: duckdb.DuckDBPyConnection,
    report: LandingReport,
    found_batch: str,
    outcome: FileOutcome,
    now: dt.datetime,
    sha: str | None = None,
    encoding: str | None = None,
    size: int | None = None,
    columns: dict[str, str] | None = None,
    fingerprint: str | None = None,
) -> None:
    con.execute(
        f"""insert into {RAW}.load_log (scan_id, source, batch, source_file, input_root,
            table_name, file_sha256, encoding, file_bytes, rows, quarantined, status, message,
            columns, contract_fingerprint, loaded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            report.scan_id,
            report.source,
            found_batch,
            outcome.source_file,
            report.input_root,
            outcome.table,
            sha,
            encoding,
            size,
            outcome.rows,
            outcome.quarantined,
            outcome.status,
            outcome.message,
            json.dumps(columns) if columns is not None else None,
            fingerprint,
            now,
        ],
    )
    report.outcomes.append(outcome)


def _delete_file_rows(con: duckdb.DuckDBPyConnection, table: str, source_file: str) -> None:
    con.execute(f"delete from {RAW}.{q(table)} where {q('_source_file')} = ?", [source_file])
    con.execute(f"delete from {RAW}.quarantine where source_file = ?", [source_file])


def _insert_batch(
    con: duckdb.DuckDBPyConnection,
    table: str,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    found: FoundFile,
    sha: str,
    now: dt.datetime,
) -> None:
    columns: dict[str, pa.Array] = {}
    for i, name in enumerate(header):
        columns[name] = pa.array([r[1][i] for r in rows], type=pa.string())
    n = len(rows)
    columns["_batch"] = pa.array([found.batch] * n, type=pa.string())
    columns["_source_file"] = pa.array([found.relative_path] * n, type=pa.string())
    columns["_row_number"] = pa.array([r[0] for r in rows], type=pa.int64())
    columns["_file_sha256"] = pa.array([sha] * n, type=pa.string())
    columns["_loaded_at"] = pa.array([now] * n, type=pa.timestamp("us"))
    con.register("_landing_batch", pa.table(columns))
    column_list = ", ".join(q(c) for c in columns)
    try:
        con.execute(
            f"insert into {RAW}.{q(table)} ({column_list}) select {column_list} from _landing_batch"
        )
    finally:
        con.unregister("_landing_batch")


def land_file(
    con: duckdb.DuckDBPyConnection,
    report: LandingReport,
    found: FoundFile,
    contract: FileContract,
    header_case: str,
    column_map: dict[str, str],
    previous: LandedState | None,
    now: dt.datetime,
) -> FileOutcome:
    """Land one file; never raises for a bad file, returns its rejected outcome instead."""
    table = contract.table
    fingerprint = contract.fingerprint(column_map)

    def reject(message: str, **extra: object) -> FileOutcome:
        if previous is not None and previous.status in ACCEPTED:
            # The file's earlier version no longer describes the landing area.
            _delete_file_rows(con, previous.table, found.relative_path)
        outcome = FileOutcome(found.relative_path, table, "rejected", message=message)
        _log(con, report, found.batch, outcome, now, fingerprint=fingerprint, **extra)  # type: ignore[arg-type]
        return outcome

    if found.problem:
        return reject(found.problem)
    try:
        with found.opener() as stream:
            sniffed = sniff(stream)
    except EncodingError as exc:
        return reject(f"unreadable text encoding: {exc}")
    except OSError as exc:
        return reject(f"unreadable file: {exc.strerror or exc}")
    meta = {"sha": sniffed.sha256, "encoding": sniffed.encoding, "size": sniffed.size}
    if not sniffed.has_text:
        return reject("empty file (no header row)", **meta)

    if (
        previous is not None
        and previous.sha256 == sniffed.sha256
        and previous.fingerprint == fingerprint
        and previous.status in ACCEPTED
        and previous.table == table
    ):
        outcome = FileOutcome(
            found.relative_path,
            table,
            "unchanged",
            rows=previous.rows,
            quarantined=previous.quarantined,
        )
        _log(con, report, found.batch, outcome, now, fingerprint=fingerprint, **meta)  # type: ignore[arg-type]
        return outcome

    try:
        parsed = open_csv(found.opener, sniffed.encoding, header_case, column_map)
    except HeaderError as exc:
        return reject(f"bad header: {exc}", **meta)
    except (csv.Error, UnicodeDecodeError) as exc:
        return reject(f"unreadable CSV: {exc}", **meta)
    columns = dict(zip(parsed.original_header, parsed.header, strict=True))
    missing = contract.missing_columns(set(parsed.header))
    if missing:
        return reject(
            f"missing required column(s) {', '.join(missing)} (found: {', '.join(parsed.header)})",
            columns=columns,
            **meta,
        )

    replacing = previous is not None and previous.status in ACCEPTED
    rows = quarantined = 0
    con.execute("begin transaction")
    try:
        if replacing:
            _delete_file_rows(con, previous.table, found.relative_path)  # type: ignore[union-attr]
        _ensure_table(con, table, list(contract.columns) + parsed.header)
        for batch in parsed.batches:
            if batch.rows:
                _insert_batch(con, table, parsed.header, batch.rows, found, sniffed.sha256, now)
                rows += len(batch.rows)
            for bad in batch.quarantined:
                con.execute(
                    f"insert into {RAW}.quarantine values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        report.source,
                        table,
                        found.relative_path,
                        sniffed.sha256,
                        bad.row_number,
                        bad.line_number,
                        bad.reason,
                        bad.record,
                        now,
                    ],
                )
                quarantined += 1
        message = ""
        if quarantined:
            message = f"{quarantined} row(s) quarantined (see raw.quarantine)"
        status = "replaced" if replacing else "loaded"
        outcome = FileOutcome(found.relative_path, table, status, rows, quarantined, message)
        _log(
            con, report, found.batch, outcome, now, columns=columns, fingerprint=fingerprint, **meta
        )  # type: ignore[arg-type]
        con.execute("commit")
        return outcome
    except (csv.Error, UnicodeDecodeError) as exc:
        con.execute("rollback")
        line = f" near data row {rows + quarantined + 1}"
        return reject(f"unreadable CSV{line}: {exc}", columns=columns, **meta)
    except Exception:
        con.execute("rollback")
        raise


def land_source(
    con: duckdb.DuckDBPyConnection,
    source: str,
    root: Path,
    column_map: dict[str, dict[str, str]] | None = None,
    now: dt.datetime | None = None,
) -> LandingReport:
    """Mirror the CSVs under `root` into `raw`; files gone from `root` leave `raw` too."""
    contract = source_contract(source)
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    ensure_raw_schema(con, source)
    report = LandingReport(source=source, input_root=str(root), scan_id=uuid.uuid4().hex)
    previous = _current_state(con, source)
    found_files = scan(source, root)
    seen: set[str] = set()
    for found in found_files:
        seen.add(found.relative_path)
        file_contract = contract.match(found.name)
        land_file(
            con,
            report,
            found,
            file_contract,
            contract.header_case,
            (column_map or {}).get(file_contract.kind, {}),
            previous.get(found.relative_path),
            now,
        )
    for source_file, state in sorted(previous.items()):
        if source_file in seen:
            continue
        if state.status in ACCEPTED:
            _delete_file_rows(con, state.table, source_file)
        outcome = FileOutcome(
            source_file, state.table, "removed", message="no longer in the landing folder"
        )
        _log(con, report, "", outcome, now)
    return report
