"""Land a source's folder into the `raw` schema, file by file.

The raw layer mirrors the landing area: every CSV becomes rows of `raw.<source>_<kind>`,
all columns text exactly as given, plus where each row came from. A file is one unit of
work: unchanged files are skipped, a changed file replaces its own rows in one
transaction, a bad file is rejected with a message naming the file (and row and field)
while the other files still land. Every outcome is appended to `raw.load_log`.
Input files are only ever opened for reading.

Messages name files, columns (only the contract's own column names), line and row
numbers, never a value: a file without a header has a child's data in its first line, so
a rejected file's header is never quoted.

A run lands exactly the folders it was given: a file landed earlier that is not in this
run's folder (another folder, or no folder at all for a source this run was not given) is
`removed`, its rows deleted, so it never feeds this run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

import duckdb

from dagster_project import parallel
from dagster_project.landing.contracts import META_COLUMNS, FileContract, source_contract
from dagster_project.landing.csv_reader import (
    MAX_LINE_CHARS,
    CsvFile,
    HeaderError,
    LimitError,
    open_csv,
)
from dagster_project.landing.encoding import EncodingError, Sniffed, sniff
from dagster_project.landing.extent import parse_extract_date
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
create table if not exists {RAW}.landing_problems (
    source varchar,
    check_name varchar,
    table_name varchar,
    problem varchar,
    recorded_at timestamp
);
create table if not exists {RAW}.mosaic_extracts (
    _batch varchar,
    extract_date date
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
    structural: bool = False  # refuses the run whatever the file's kind (see scan)


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

    @property
    def structural(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "rejected" and o.structural]


def ensure_raw_schema(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Create the raw schema, the log, and every known table of `source` (empty).

    One query reads the columns already there and one script adds what is missing: a
    statement and a query a table cost 5-10 ms each (57 tables in a `cla validate` call)."""
    con.execute(f"create schema if not exists {RAW}")
    con.execute(LOAD_LOG_DDL)
    existing = _raw_columns(con)
    script = [
        statement
        for contract in source_contract(source).files
        for statement in _table_ddl(contract.table, list(contract.columns), existing)
    ]
    if source == "mosaic":
        script.append(_latest_extract_view([f.table for f in source_contract(source).files]))
    if script:
        con.execute(";\n".join(script))


# The one definition of "the latest Mosaic extract" (dbt staging and the raw GX suites read
# it): among extracts holding persons.csv (or, when no persons row is landed at all, any
# file), the latest by the date in the folder's name (`raw.mosaic_extracts`, written by
# landing). Rows put in by hand (tests) have no date and sort last; landing refuses a run
# with an undated extract folder.
def _latest_extract_view(tables: list[str]) -> str:
    any_file = " union ".join(f"select _batch from {RAW}.{q(t)}" for t in tables)
    return f"""
create or replace view {RAW}.mosaic_latest_extract as
with persons as (select distinct _batch from {RAW}.mosaic_persons),
candidates as (
    select _batch from persons
    union
    select _batch from ({any_file}) where not exists (select 1 from persons)
)
select candidates._batch, extracts.extract_date
from candidates
left join {RAW}.mosaic_extracts as extracts on extracts._batch = candidates._batch
where candidates._batch is not null
order by extracts.extract_date desc nulls last, candidates._batch desc
limit 1
"""


def _table_ddl(table: str, columns: list[str], existing: dict[str, set[str]]) -> list[str]:
    """The statements that make `raw.<table>` hold `columns` (text) and the provenance
    columns; `existing` (table -> its columns, lower case) is updated to match."""
    meta = (
        f"{q('_batch')} varchar, {q('_source_file')} varchar, {q('_row_number')} bigint, "
        f"{q('_file_sha256')} varchar, {q('_loaded_at')} timestamp"
    )
    columns = list(dict.fromkeys(c for c in columns if c not in META_COLUMNS))
    if table not in existing:
        data = "".join(f"{q(c)} varchar, " for c in columns)
        existing[table] = {c.lower() for c in columns} | {c.lower() for c in META_COLUMNS}
        return [f"create table if not exists {RAW}.{q(table)} ({data}{meta})"]
    statements = []
    for col in columns:
        if col.lower() not in existing[table]:
            statements.append(f"alter table {RAW}.{q(table)} add column {q(col)} varchar")
            existing[table].add(col.lower())
    return statements


def _raw_columns(con: duckdb.DuckDBPyConnection, table: str | None = None) -> dict[str, set[str]]:
    """The raw tables (or the one `table`) and their columns, lower case."""
    existing: dict[str, set[str]] = {}
    for name, column in con.execute(
        # duckdb_columns(): half the cost of information_schema's view of it
        "select table_name, column_name from duckdb_columns() "
        "where database_name = current_database() and schema_name = ? "
        "and (? is null or table_name = ?)",
        [RAW, table, table],
    ).fetchall():
        existing.setdefault(name, set()).add(column.lower())
    return existing


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, set[str]]:
    """`raw.<table>`'s columns, lower case ({} when there is no such table), from the table
    itself: a fifth of the cost of asking the catalog, paid once a landed file. Outside a
    transaction only: a table not there raises, which would abort one."""
    try:
        found = con.execute(f"select * from {RAW}.{q(table)} limit 0").description
    except duckdb.CatalogException:
        return {}
    return {table: {d[0].lower() for d in found}}


def _ensure_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: list[str],
    existing: dict[str, set[str]] | None = None,
) -> None:
    """Make `raw.<table>` hold `columns` (text) and the provenance columns (`existing`:
    its columns as `_table_columns` read them, when known)."""
    if existing is None:
        existing = _raw_columns(con, table)
    statements = _table_ddl(table, columns, existing)
    if statements:
        con.execute(";\n".join(statements))


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
    # imported here: only files DuckDB's reader cannot take come this way (0.1 s to import)
    import pyarrow as pa

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


def duckdb_can_read(sniffed: Sniffed, parsed: CsvFile) -> bool:
    """Can DuckDB's CSV reader land this file with exactly the rows Python's would?

    Only plain UTF-8 (BOM or not) with no invalid byte, ending with a line break, whose
    header is its first line, whole: then every row DuckDB's strict reader accepts is the
    row Python's reader yields (blank lines skipped, quoted line breaks kept). Anything else
    (and any file DuckDB refuses: a short or long row, a line over the bound, an open
    quote) is read by `csv_reader`, which quarantines, names lines and refuses as before.
    """
    return (
        sniffed.encoding in ("utf-8", "utf-8-sig")
        and sniffed.invalid_utf8 == 0
        and sniffed.ends_with_newline
        and parsed.header_line == 1
        and parsed.header_cells == len(parsed.header)
    )


def _insert_with_duckdb(
    con: duckdb.DuckDBPyConnection,
    table: str,
    header: list[str],
    stream: BinaryIO,
    found: FoundFile,
    sha: str,
    now: dt.datetime,
) -> int | None:
    """Insert the file's rows through DuckDB's `read_csv`; None when DuckDB refuses it.

    DuckDB reads the file through the descriptor `scan` opened (no symlink followed, the
    containment check holds), every column as text; an empty field lands as '' as
    Python's reader gives it, `_row_number` is the data row's ordinal (blank lines not
    counted, as in `csv_reader`). DuckDB's error messages quote the line, so they are
    never kept: the caller falls back to Python's reader, whose errors name lines only.
    """
    raw = getattr(stream, "raw", None)
    if not isinstance(raw, io.FileIO):
        return None  # a zip member: no descriptor DuckDB can open
    path = f"/proc/self/fd/{stream.fileno()}"
    if not Path(path).exists():
        return None
    names = [f"c{i}" for i in range(len(header))]
    spec = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    targets = ", ".join(q(c) for c in [*header, *META_COLUMNS])
    values = ", ".join(f"coalesce({n}, '')" for n in names)
    try:
        inserted = con.execute(
            f"""
            insert into {RAW}.{q(table)} ({targets})
            select {values}, $batch, $source_file, ordinality, $sha, $now
            from read_csv($path, header = true, columns = {spec}, auto_detect = false,
                          delim = ',', quote = '"', escape = '"', strict_mode = true,
                          null_padding = false, ignore_errors = false,
                          max_line_size = {MAX_LINE_CHARS}, parallel = false)
                 with ordinality
            """,
            {
                "batch": found.batch,
                "source_file": found.relative_path,
                "sha": sha,
                "now": now,
                "path": path,
            },
        ).fetchone()
    except duckdb.Error:
        return None
    return int(inserted[0]) if inserted else 0


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

    def reject(message: str, structural: bool = False, **extra: object) -> FileOutcome:
        if previous is not None and previous.status in ACCEPTED:
            # The file's earlier version no longer describes the landing area.
            _delete_file_rows(con, previous.table, found.relative_path)
        outcome = FileOutcome(
            found.relative_path, table, "rejected", message=message, structural=structural
        )
        _log(con, report, found.batch, outcome, now, fingerprint=fingerprint, **extra)  # type: ignore[arg-type]
        return outcome

    if found.problem:
        return reject(found.problem, structural=found.structural)
    try:
        with found.opener() as stream:
            sniffed = sniff(stream)
    except EncodingError as exc:
        return reject(f"unreadable text encoding: {exc}")
    except OSError as exc:
        return reject(f"unreadable file: {exc.strerror or type(exc).__name__}")
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        return reject(f"unreadable zip member ({type(exc).__name__})", structural=True)
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
        parsed = open_csv(
            found.opener,
            sniffed.encoding,
            header_case,
            column_map,
            invalid_bytes=sniffed.invalid_utf8 > 0,
            ends_with_newline=sniffed.ends_with_newline or sniffed.encoding == "utf-16",
        )
    except HeaderError as exc:
        return reject(f"bad header: {exc}", **meta)
    except LimitError as exc:
        return reject(f"unreadable CSV: {exc}", **meta)
    except (csv.Error, UnicodeDecodeError) as exc:
        return reject(f"unreadable CSV: {_error_kind(exc)}", **meta)
    missing = contract.missing_columns(set(parsed.header))
    if missing:
        known = [h for h in parsed.header if h in set(contract.columns)]
        found_text = (
            f"found {len(parsed.header)} column(s), of which known: {', '.join(known)}"
            if known
            else f"found {len(parsed.header)} column(s), none of them known: the first line "
            "does not look like this file's header (a file without a header row?)"
        )
        # the column map is not logged either: the "header" may be a row of data
        return reject(f"missing required column(s) {', '.join(missing)} ({found_text})", **meta)
    columns = dict(zip(parsed.original_header, parsed.header, strict=True))

    replacing = previous is not None and previous.status in ACCEPTED
    rows = quarantined = 0

    def start() -> None:
        existing = _table_columns(con, table)
        con.execute("begin transaction")
        if replacing:
            _delete_file_rows(con, previous.table, found.relative_path)  # type: ignore[union-attr]
        _ensure_table(con, table, list(contract.columns) + parsed.header, existing)

    start()
    fast = False
    try:
        if duckdb_can_read(sniffed, parsed):
            with found.opener() as stream:
                landed = _insert_with_duckdb(
                    con, table, parsed.header, stream, found, sniffed.sha256, now
                )
            if landed is None:  # not a file DuckDB reads as Python would: Python reads it
                con.execute("rollback")
                start()
            else:
                parsed.close()
                rows, fast = landed, True
        for batch in () if fast else parsed.batches:
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
    except LimitError as exc:
        con.execute("rollback")
        return reject(f"unreadable CSV: {exc}", columns=columns, **meta)
    except (csv.Error, UnicodeDecodeError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        con.execute("rollback")
        line = f" near data row {rows + quarantined + 1}"
        return reject(f"unreadable CSV{line}: {_error_kind(exc)}", columns=columns, **meta)
    except Exception:
        con.execute("rollback")
        raise


def _error_kind(exc: BaseException) -> str:
    """What went wrong, without the text of the file (a decoder error carries bytes)."""
    if isinstance(exc, UnicodeDecodeError):
        return f"byte 0x{exc.object[exc.start]:02x} cannot be decoded as {exc.encoding}"
    if isinstance(exc, csv.Error):
        # the csv module's own messages name limits and characters, never cell text
        return str(exc).split(":")[0][:200]
    return type(exc).__name__


def land_source(
    con: duckdb.DuckDBPyConnection,
    source: str,
    root: Path | None,
    column_map: dict[str, dict[str, str]] | None = None,
    now: dt.datetime | None = None,
    workers: int = 1,
) -> LandingReport:
    """Mirror the CSVs under `root` into `raw`; files gone from `root` leave `raw` too.

    `root` None: this run was given no folder for `source`, so nothing of it may feed the
    run: every file landed earlier is removed. `workers` > 1: the tables' files land on that
    many connections at once (`cla validate`'s in-memory database; the run's warehouse),
    each table's files on one connection in the folder's order, each file in its own
    transaction as always; the log's order is then the order they finished. Nothing of
    landing is temporary, so connections of a database file share it as they share an
    in-memory one.
    """
    contract = source_contract(source)
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    ensure_raw_schema(con, source)
    report = LandingReport(
        source=source, input_root=str(root) if root else "", scan_id=uuid.uuid4().hex
    )
    previous = _current_state(con, source)
    found_files = scan(source, root) if root is not None else []
    seen = {found.relative_path for found in found_files}
    if source == "cin":  # XML census returns: one file fills several tables
        for found in found_files:
            # here, not above: its module loads pyarrow, which a run without census needs
            # no sooner than the gate (0.15 s of every run's landing)
            from dagster_project.landing.cin_census import land_census_file

            land_census_file(con, report, found, previous.get(found.relative_path), now)
    else:
        # in the folder's order; at once, one job a table: a table's files land one after
        # another on one connection, so no two transactions alter one table
        by_table: dict[str, list[tuple[FoundFile, FileContract]]] = {}
        for found in found_files:
            file_contract = contract.match(found.name)
            key = file_contract.table if workers > 1 else ""
            by_table.setdefault(key, []).append((found, file_contract))

        def job(files: list[tuple[FoundFile, FileContract]]) -> parallel.Job:
            def land(c: duckdb.DuckDBPyConnection) -> None:
                for found, file_contract in files:
                    land_file(
                        c,
                        report,
                        found,
                        file_contract,
                        contract.header_case,
                        (column_map or {}).get(file_contract.kind, {}),
                        previous.get(found.relative_path),
                        now,
                    )

            return land

        parallel.run_jobs(con, [job(files) for files in by_table.values()], workers)
    for source_file, state in sorted(previous.items()):
        if source_file in seen:
            continue
        if state.status in ACCEPTED and source == "cin":
            from dagster_project.landing.cin_census import delete_census_file

            delete_census_file(con, source_file)
        elif state.status in ACCEPTED:
            _delete_file_rows(con, state.table, source_file)
        outcome = FileOutcome(
            source_file,
            state.table,
            "removed",
            message="not in the folder given to this run"
            if root is not None
            else "no folder for this source given to this run",
        )
        _log(con, report, "", outcome, now)
    if source == "mosaic":
        _record_extracts(con)
    return report


def _record_extracts(con: duckdb.DuckDBPyConnection) -> None:
    """`raw.mosaic_extracts`: each landed extract folder and the date its name gives.

    dbt's staging reads the latest extract by this date (macro `latest_mosaic_extract`),
    never by comparing folder names as text.
    """
    batches = con.execute(
        f"""
        select distinct batch from (
            select batch, status from {RAW}.load_log where source = 'mosaic'
            qualify row_number() over (partition by source_file order by log_id desc) = 1
        ) where status in ('loaded', 'replaced', 'unchanged')
        """
    ).fetchall()
    con.execute(f"delete from {RAW}.mosaic_extracts")
    rows = [(b, parse_extract_date(b)) for (b,) in batches]
    if rows:
        con.executemany(f"insert into {RAW}.mosaic_extracts values (?, ?)", rows)


def record_problems(
    con: duckdb.DuckDBPyConnection, source: str, problems: list[tuple[str, str, str]]
) -> None:
    """`raw.landing_problems`: why this landing of `source` cannot feed a publication.

    (check name, raw table, problem) per problem that no rejected file in `raw.load_log`
    already tells (a required file missing or empty, an undated, older or truncated
    extract): the quality gate reports them as blocking findings, so a refused run's
    `quality/` says why. Replaced on every landing of the source.
    """
    con.execute(f"create schema if not exists {RAW}")
    con.execute(LOAD_LOG_DDL)
    con.execute(f"delete from {RAW}.landing_problems where source = ?", [source])
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if problems:
        con.executemany(
            f"insert into {RAW}.landing_problems values (?, ?, ?, ?, ?)",
            [(source, check, table, problem, now) for check, table, problem in problems],
        )
