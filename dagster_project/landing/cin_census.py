"""Land DfE children in need census XML returns (spec/inputs.md §6) into `raw.cin_*`.

A census file is one XML document (`Message` → `Header`, `Children` → `Child`), not a table,
so it lands differently from the CSVs: one file fills one raw table per module of the census
(children, disabilities, CIN details, assessments, CIN plans, section 47 enquiries, child
protection plans, plan reviews, and the header), columns named as DfE's specification names
the elements, every value text exactly as given. Provenance as for CSV rows: `_batch` (the
collection year folder), `_source_file`, `_row_number` (the element's line in the file),
`_file_sha256`, `_loaded_at`; rows below a child carry its `LAchildID`, rows below a
CINdetails its `cin_details_row` (that CINdetails' line), plan reviews their plan's `cpp_row`.

Parsing is lxml's, streamed (`iterparse`, each Child freed once landed, so memory does not
grow with the file) and safe: no DTD loaded, no entity resolved, no network; a file with a
DOCTYPE is refused outright (the census format has none, and it is how entity attacks come).
A file that is not well-formed is rejected naming the file, line and column and libxml2's
error type, never a value. A Child without an `LAchildID` cannot be placed: it goes to
`raw.quarantine` with its line. The whole file is one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import duckdb
import pyarrow as pa
from lxml import etree

from dagster_project.landing.contracts import FileContract, source_contract
from dagster_project.landing.loader import (
    ACCEPTED,
    RAW,
    FileOutcome,
    LandedState,
    LandingReport,
    _delete_file_rows,
    _ensure_table,
    _log,
    q,
)
from dagster_project.landing.scan import FoundFile

SOURCE = "cin"
# Bumped when the parser's output changes, so files land again under the new rules.
PARSER_VERSION = "1"
BATCH_ROWS = 50_000
QUARANTINE_RECORD_CHARS = 2000
# Repeated simple elements of one module (AssessmentFactors, an unexpected second UPN, ...)
# keep every value, joined with this separator (no census code contains it).
JOIN = ";"

ERROR_TYPES = {v: k for k, v in vars(etree.ErrorTypes).items() if k.startswith("ERR_")}


class CensusFileError(ValueError):
    """The file cannot be read as a CIN census return (message names line, never values)."""


@dataclass
class Record:
    table: str  # contract kind, e.g. "cin_details"
    row_number: int
    values: dict[str, str]


@dataclass
class ParseStats:
    records: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    quarantined: int = 0
    unknown_elements: set[str] = field(default_factory=set)


def _local(element: etree._Element) -> str:
    """Element name without a namespace (DfE files have none; tolerate one)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comment or processing instruction
    return tag.rsplit("}", 1)[-1]


def _children(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if isinstance(child.tag, str):
            yield child


def _put(values: dict[str, str], name: str, text: str | None) -> None:
    value = text if text is not None else ""
    values[name] = f"{values[name]}{JOIN}{value}" if name in values else value


def _leaves(
    element: etree._Element, stats: ParseStats, groups: dict[str, str] | None = None
) -> tuple[dict[str, str], list[etree._Element]]:
    """Simple child elements as values; complex ones returned for the caller.

    `groups` names wrapper elements whose simple children are values of this record
    (FactorsIdentifiedAtAssessment → AssessmentFactors).
    """
    values: dict[str, str] = {}
    nested: list[etree._Element] = []
    for child in _children(element):
        name = _local(child)
        if len(child) == 0:
            _put(values, name, child.text)
        elif groups and name in groups:
            for item in _children(child):
                if len(item) == 0:
                    _put(values, _local(item), item.text)
                else:
                    stats.unknown_elements.add(f"{name}/{_local(item)}")
        else:
            nested.append(child)
    return values, nested


def _child_records(child: etree._Element, stats: ParseStats) -> Iterator[Record]:
    """Every record of one Child element, in document order."""
    identifiers: dict[str, str] = {}
    characteristics: dict[str, str] = {}
    disabilities: list[tuple[int, str]] = []
    details: list[etree._Element] = []
    for part in _children(child):
        name = _local(part)
        if name == "ChildIdentifiers":
            values, nested = _leaves(part, stats)
            identifiers.update(values)
            stats.unknown_elements.update(f"ChildIdentifiers/{_local(n)}" for n in nested)
        elif name == "ChildCharacteristics":
            values, nested = _leaves(part, stats)
            characteristics.update(values)
            for group in nested:
                if _local(group) != "Disabilities":
                    stats.unknown_elements.add(f"ChildCharacteristics/{_local(group)}")
                    continue
                for item in _children(group):
                    disabilities.append((item.sourceline or 0, item.text or ""))
        elif name == "CINdetails":
            details.append(part)
        elif len(part) == 0:
            _put(identifiers, name, part.text)  # a stray simple element: kept on the child
        else:
            stats.unknown_elements.add(f"Child/{name}")
    child_id = (identifiers.get("LAchildID") or "").strip()
    if not child_id:
        raise _Unplaceable("Child without LAchildID")
    yield Record("children", child.sourceline or 0, {**identifiers, **characteristics})
    for line, code in disabilities:
        yield Record(
            "disabilities", line, {"LAchildID": identifiers["LAchildID"], "Disability": code}
        )
    link = {"LAchildID": identifiers["LAchildID"]}
    for detail in details:
        yield from _detail_records(detail, link, stats)


def _detail_records(
    detail: etree._Element, link: dict[str, str], stats: ParseStats
) -> Iterator[Record]:
    row = detail.sourceline or 0
    values, nested = _leaves(detail, stats)
    yield Record("cin_details", row, {**link, **values})
    below = {**link, "cin_details_row": str(row)}
    for module in nested:
        name = _local(module)
        line = module.sourceline or 0
        if name == "Assessments":
            values, extra = _leaves(
                module, stats, groups={"FactorsIdentifiedAtAssessment": "AssessmentFactors"}
            )
            yield Record("assessments", line, {**below, **values})
        elif name == "CINPlanDates":
            values, extra = _leaves(module, stats)
            yield Record("cin_plans", line, {**below, **values})
        elif name == "Section47":
            values, extra = _leaves(module, stats)
            yield Record("section47", line, {**below, **values})
        elif name == "ChildProtectionPlans":
            values, extra = _leaves(module, stats)
            yield Record("child_protection_plans", line, {**below, **values})
            reviews = [e for e in extra if _local(e) == "Reviews"]
            extra = [e for e in extra if _local(e) != "Reviews"]
            for group in reviews:
                for item in _children(group):
                    yield Record(
                        "cpp_reviews",
                        item.sourceline or 0,
                        {**below, "cpp_row": str(line), _local(item): item.text or ""},
                    )
        else:
            stats.unknown_elements.add(f"CINdetails/{name}")
            continue
        stats.unknown_elements.update(f"{name}/{_local(e)}" for e in extra)


class _Unplaceable(Exception):
    """A record that cannot be tied to a child."""


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    """Line, column and libxml2's error type: never the text that was being read."""
    kind = ERROR_TYPES.get(exc.code, f"error {exc.code}")
    words = kind.removeprefix("ERR_").lower().replace("_", " ")
    line, column = exc.position if exc.position else (exc.lineno, 0)
    return f"not well-formed XML at line {line}, column {column} ({words})"


def parse_census(stream: BinaryIO, stats: ParseStats) -> Iterator[Record | tuple[int, str, str]]:
    """Records of a census file in document order; `(line, reason, xml)` for a quarantined child.

    Raises CensusFileError for a file that is not a readable census return.
    """
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root_seen = children_seen = False
    try:
        for event, element in events:
            name = _local(element)
            if event == "start":
                if not root_seen:
                    root_seen = True
                    if element.getroottree().docinfo.doctype:
                        raise CensusFileError(
                            "has a DOCTYPE declaration, which the census format does not use "
                            "(refused: entity declarations are how XML attacks come)"
                        )
                    if name != "Message":
                        raise CensusFileError(
                            f"root element is <{name}>, expected <Message> (a DfE CIN census file)"
                        )
                elif name == "Children" and element.getparent() is not None:
                    children_seen = True
                continue
            parent = element.getparent()
            parent_name = _local(parent) if parent is not None else ""
            if name == "Header" and parent_name == "Message":
                values: dict[str, str] = {}
                for group in _children(element):
                    more, nested = _leaves(group, stats)
                    values.update(more)
                    stats.unknown_elements.update(
                        f"Header/{_local(group)}/{_local(n)}" for n in nested
                    )
                yield Record("header", element.sourceline or 0, values)
                element.clear()
            elif name == "Child" and parent_name == "Children":
                try:
                    records = list(_child_records(element, stats))
                except _Unplaceable as reason:
                    text = etree.tostring(element, encoding="unicode")
                    yield (element.sourceline or 0, str(reason), text[:QUARANTINE_RECORD_CHARS])
                else:
                    yield from records
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise CensusFileError(_syntax_message(exc)) from None
    if not root_seen:
        raise CensusFileError("empty file (no XML element)")
    if not children_seen:
        raise CensusFileError("no <Children> element under <Message>")


def census_contracts() -> dict[str, FileContract]:
    return {f.kind: f for f in source_contract(SOURCE).files}


def census_fingerprint() -> str:
    contracts = census_contracts()
    payload = json.dumps(
        [PARSER_VERSION]
        + [
            [c.kind, c.required, c.optional]
            for c in sorted(contracts.values(), key=lambda c: c.kind)
        ]
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _sha256(found: FoundFile) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with found.opener() as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: list[Record],
    found: FoundFile,
    sha: str,
    now: dt.datetime,
) -> None:
    columns: dict[str, None] = {}
    for record in rows:
        for name in record.values:
            columns.setdefault(name, None)
    _ensure_table(con, table, list(columns))
    data: dict[str, pa.Array] = {
        name: pa.array([r.values.get(name) for r in rows], type=pa.string()) for name in columns
    }
    n = len(rows)
    data["_batch"] = pa.array([found.batch] * n, type=pa.string())
    data["_source_file"] = pa.array([found.relative_path] * n, type=pa.string())
    data["_row_number"] = pa.array([r.row_number for r in rows], type=pa.int64())
    data["_file_sha256"] = pa.array([sha] * n, type=pa.string())
    data["_loaded_at"] = pa.array([now] * n, type=pa.timestamp("us"))
    con.register("_census_batch", pa.table(data))
    column_list = ", ".join(q(c) for c in data)
    try:
        con.execute(
            f"insert into {RAW}.{q(table)} ({column_list}) select {column_list} from _census_batch"
        )
    finally:
        con.unregister("_census_batch")


def _previous_rows(con: duckdb.DuckDBPyConnection, source_file: str) -> dict[str, tuple[int, int]]:
    """Rows and quarantined rows per table of the file's latest landing."""
    found = con.execute(
        f"""
        select table_name, rows, quarantined from {RAW}.load_log
        where source = ? and source_file = ? and scan_id = (
            select scan_id from {RAW}.load_log where source = ? and source_file = ?
            order by log_id desc limit 1)
        """,
        [SOURCE, source_file, SOURCE, source_file],
    ).fetchall()
    return {table: (rows or 0, quarantined or 0) for table, rows, quarantined in found}


def delete_census_file(con: duckdb.DuckDBPyConnection, source_file: str) -> None:
    """Remove every row a census file put in any `raw.cin_*` table (and its quarantine)."""
    for contract in census_contracts().values():
        _delete_file_rows(con, contract.table, source_file)


def land_census_file(
    con: duckdb.DuckDBPyConnection,
    report: LandingReport,
    found: FoundFile,
    previous: LandedState | None,
    now: dt.datetime,
) -> list[FileOutcome]:
    """Land one census file into every `raw.cin_*` table; one log row per table.

    Never raises for a bad file: it is rejected (every table's check names it) and the rows
    an earlier version of it landed are removed, as for a rejected CSV.
    """
    contracts = census_contracts()
    fingerprint = census_fingerprint()
    tables = [c.table for c in contracts.values()]

    def log_all(
        status: str,
        message: str,
        counts: dict[str, tuple[int, int]],
        structural: bool = False,
        **meta: object,
    ) -> list[FileOutcome]:
        outcomes = []
        for table in tables:
            rows, quarantined = counts.get(table, (0, 0))
            outcome = FileOutcome(
                found.relative_path, table, status, rows, quarantined, message, structural
            )
            _log(con, report, found.batch, outcome, now, fingerprint=fingerprint, **meta)  # type: ignore[arg-type]
            outcomes.append(outcome)
        return outcomes

    def reject(message: str, structural: bool = False, **meta: object) -> list[FileOutcome]:
        if previous is not None and previous.status in ACCEPTED:
            delete_census_file(con, found.relative_path)
        return log_all("rejected", message, {}, structural, **meta)

    if found.problem:  # a link out of the input folder is structural, as for every source
        return reject(found.problem, structural=found.structural)
    try:
        sha, size = _sha256(found)
    except OSError as exc:
        return reject(f"unreadable file: {exc.strerror or exc}")
    meta = {"sha": sha, "size": size, "encoding": "xml"}
    if size == 0:
        return reject("empty file", **meta)
    if (
        previous is not None
        and previous.sha256 == sha
        and previous.fingerprint == fingerprint
        and previous.status in ACCEPTED
    ):
        return log_all("unchanged", "", _previous_rows(con, found.relative_path), **meta)

    replacing = previous is not None and previous.status in ACCEPTED
    stats = ParseStats()
    pending: dict[str, list[Record]] = defaultdict(list)
    counts: dict[str, list[int]] = {table: [0, 0] for table in tables}
    con.execute("begin transaction")
    try:
        if replacing:
            delete_census_file(con, found.relative_path)
        for contract in contracts.values():
            _ensure_table(con, contract.table, list(contract.columns))
        with found.opener() as stream:
            for item in parse_census(stream, stats):
                if isinstance(item, tuple):
                    line, reason, text = item
                    con.execute(
                        f"insert into {RAW}.quarantine values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [SOURCE, contracts["children"].table, found.relative_path, sha, line,
                         line, reason, text, now],
                    )  # fmt: skip
                    counts[contracts["children"].table][1] += 1
                    continue
                table = contracts[item.table].table
                batch = pending[table]
                batch.append(item)
                counts[table][0] += 1
                if len(batch) >= BATCH_ROWS:
                    _insert(con, table, batch, found, sha, now)
                    batch.clear()
        for table, batch in pending.items():
            if batch:
                _insert(con, table, batch, found, sha, now)
        notes = []
        quarantined = sum(q_ for _, q_ in counts.values())
        if quarantined:
            notes.append(f"{quarantined} child(ren) quarantined (see raw.quarantine)")
        if stats.unknown_elements:
            names = ", ".join(sorted(stats.unknown_elements)[:10])
            notes.append(f"elements not in the census format, not landed: {names}")
        status = "replaced" if replacing else "loaded"
        outcomes = log_all(
            status, "; ".join(notes), {t: (r, q_) for t, (r, q_) in counts.items()}, **meta
        )
        con.execute("commit")
        return outcomes
    except CensusFileError as exc:
        con.execute("rollback")
        return reject(str(exc), **meta)
    except Exception:
        con.execute("rollback")
        raise
