"""The analysts' database `cla_marts.duckdb`: every mart, documented, readable by DuckDB 1.4.

Built as a new file beside the published one and renamed over it (`swap.replace_file`), so
an analyst's open read-only connection is never blocked and never sees a mix: on Linux
the rename swaps the directory entry, and an open reader keeps reading the old inode until
it reconnects. The new file is written with `STORAGE_VERSION 'v1.4.0'`: DuckDB 2.0's default
format cannot be opened by the 1.x clients analysts' tools still ship.

The publication is unsuppressed and child-level (SSDA903 tables): it is for the council's
analysts, not for publication; the Panel report applies suppression.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dagster_project.sql_text import literal
from dagster_project.version import git_commit, package_version

PUBLISHED_NAME = "cla_marts.duckdb"
STORAGE_VERSION = "v1.4.0"
# Warehouse schemas copied into `main`: the marts, then the dbt seeds (code lists, indicator
# metadata, targets) an analyst needs to read them. A name in both keeps the mart.
SOURCE_SCHEMAS = ("marts", "reference_codes")
INFO_TABLES = ("publication_info", "publication_tables", "publication_columns")


@dataclass
class Descriptions:
    """Table and column descriptions by (schema, table), from the dbt manifest."""

    tables: dict[tuple[str, str], str] = field(default_factory=dict)
    columns: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_manifest(cls, manifest_path: Path | None) -> Descriptions:
        found = cls()
        if manifest_path is None or not manifest_path.exists():
            return found
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for node in manifest.get("nodes", {}).values():
            if node.get("resource_type") not in ("model", "seed", "snapshot"):
                continue
            key = (
                str(node.get("schema", "")).lower(),
                str(node.get("alias") or node["name"]).lower(),
            )
            found.tables[key] = (node.get("description") or "").strip()
            found.columns[key] = {
                name.lower(): (col.get("description") or "").strip()
                for name, col in (node.get("columns") or {}).items()
            }
        return found


@dataclass
class RunInfo:
    """What `publication_info` records about the run that built the file."""

    run_id: str
    source_system: str
    la_code: str
    suppression_threshold: int
    built_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    pipeline_version: str = field(default_factory=package_version)
    git_commit: str | None = field(default_factory=git_commit)
    # the date of the data: the Mosaic extract's date, or 31 March of the latest 903 return
    data_extracted: dt.date | None = None


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _source_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema, table) to publish, marts first; a later duplicate name is skipped."""
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = 'wh' and table_schema in ('marts', 'reference_codes')"
    ).fetchall()
    chosen: dict[str, tuple[str, str]] = {}
    for schema in SOURCE_SCHEMAS:
        for table_schema, table in sorted(rows):
            if table_schema == schema and table not in chosen and table not in INFO_TABLES:
                chosen[table] = (schema, table)
    return list(chosen.values())


def _warehouse_comments(con: duckdb.DuckDBPyConnection) -> tuple[dict, dict]:
    """Comments the dbt run wrote in the warehouse (dbt macro persist_comments): the fallback."""
    tables = {
        (s, t): c or ""
        for s, t, c in con.execute(
            "select schema_name, table_name, comment from duckdb_tables() "
            "where database_name = 'wh'"
        ).fetchall()
    }
    columns: dict[tuple[str, str], dict[str, str]] = {}
    for s, t, col, c in con.execute(
        "select schema_name, table_name, column_name, comment from duckdb_columns() "
        "where database_name = 'wh'"
    ).fetchall():
        columns.setdefault((s, t), {})[col.lower()] = c or ""
    return tables, columns


def build_database(
    warehouse: Path,
    new_file: Path,
    run: RunInfo,
    descriptions: Descriptions,
) -> dict[str, int]:
    """Write every published table into `new_file` (which must not exist); row counts."""
    if new_file.exists():
        new_file.unlink()
    # An in-memory session attaching both files: the warehouse is only read.
    con = duckdb.connect()
    try:
        con.execute("set enable_progress_bar = false")  # no progress bars in cron mail
        con.execute(f"attach {literal(str(warehouse))} as wh (read_only)")
        con.execute(
            f"attach {literal(str(new_file))} as pub (storage_version {literal(STORAGE_VERSION)})"
        )
        wh_tables, wh_columns = _warehouse_comments(con)
        # one transaction for the whole file: a commit per table and comment cost ~0.3 s
        con.execute("begin")
        counts: dict[str, int] = {}
        table_rows: list[tuple] = []
        column_rows: list[tuple] = []
        copied = _source_tables(con)
        for schema, table in copied:
            target = f"pub.main.{_ident(table)}"
            con.execute(
                f"create table {target} as select * from wh.{_ident(schema)}.{_ident(table)}"
            )
            counts[table] = con.execute(f"select count(*) from {target}").fetchone()[0]
        # the copies' columns in one look at the catalog (one a table was a fifth of a second)
        pub_columns: dict[str, list[tuple[str, str]]] = {}
        for table, name, data_type in con.execute(
            "select table_name, column_name, data_type from duckdb_columns() "
            "where database_name = 'pub' order by table_name, column_index"
        ).fetchall():
            pub_columns.setdefault(table, []).append((name, data_type))
        for schema, table in copied:
            target = f"pub.main.{_ident(table)}"
            key = (schema, table.lower())
            description = descriptions.tables.get(key) or wh_tables.get((schema, table), "")
            col_docs = {
                **wh_columns.get((schema, table), {}),
                **{k: v for k, v in descriptions.columns.get(key, {}).items() if v},
            }
            if description:
                con.execute(f"comment on table {target} is {literal(description)}")
            for name, data_type in pub_columns[table]:
                doc = col_docs.get(name.lower(), "")
                if doc:
                    con.execute(f"comment on column {target}.{_ident(name)} is {literal(doc)}")
                column_rows.append((table, name, data_type, doc))
            table_rows.append((table, f"{schema}.{table}", counts[table], description))
        _write_info(con, run, table_rows, column_rows)
        con.execute("commit")
        con.execute("detach pub")
    finally:
        con.close()
    return counts


def _period_ends(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_catalog = 'pub' "
        "and table_name = 'indicator_values'"
    ).fetchone()[0]
    if not exists:
        return []
    return [
        r[0]
        for r in con.execute(
            "select distinct period_end from pub.main.indicator_values order by 1"
        ).fetchall()
    ]


def _reporting_la(con: duckdb.DuckDBPyConnection) -> tuple[str | None, str | None, str | None]:
    """Name and both codes of the reporting LA, as the DfE files give them (when landed)."""
    # looked up, not tried: a failed statement would end the database's one transaction
    landed = con.execute(
        "select count(*) from information_schema.tables where table_catalog = 'wh' "
        "and table_schema = 'intermediate' and table_name = 'int_comparators__reporting_la'"
    ).fetchone()
    if not landed or not landed[0]:
        return (None, None, None)
    row = con.execute(
        "select la_name, old_la_code, new_la_code "
        "from wh.intermediate.int_comparators__reporting_la limit 1"
    ).fetchone()
    return tuple(row) if row else (None, None, None)  # type: ignore[return-value]


def _write_info(
    con: duckdb.DuckDBPyConnection,
    run: RunInfo,
    table_rows: Iterable[tuple],
    column_rows: Iterable[tuple],
) -> None:
    periods = _period_ends(con)
    con.execute(
        "create table pub.main.publication_info (run_id varchar, source_system varchar, "
        "la_code varchar, la_name varchar, old_la_code varchar, new_la_code varchar, "
        "period_ends varchar, latest_period_end date, "
        "suppression_threshold integer, built_at timestamp, duckdb_version varchar, "
        "storage_version varchar, pipeline_version varchar, git_commit varchar, "
        "data_extracted date)"
    )
    con.execute(
        "insert into pub.main.publication_info values "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run.run_id,
            run.source_system,
            run.la_code,
            *_reporting_la(con),
            ",".join(p.isoformat() for p in periods),
            periods[-1] if periods else None,
            run.suppression_threshold,
            run.built_at.astimezone(dt.UTC).replace(tzinfo=None),
            duckdb.__version__,
            STORAGE_VERSION,
            run.pipeline_version,
            run.git_commit,
            run.data_extracted,
        ],
    )
    con.execute(
        "create table pub.main.publication_tables (table_name varchar, built_from varchar, "
        "row_count bigint, description varchar)"
    )
    _insert_rows(con, "publication_tables", ("varchar", "varchar", "bigint", "varchar"), table_rows)
    con.execute(
        "create table pub.main.publication_columns (table_name varchar, column_name varchar, "
        "data_type varchar, description varchar)"
    )
    _insert_rows(con, "publication_columns", ("varchar",) * 4, column_rows)
    for table, text in INFO_DOCS.items():
        con.execute(f"comment on table pub.main.{table} is {literal(text)}")
    for (table, column), text in INFO_COLUMN_DOCS.items():
        con.execute(f"comment on column pub.main.{table}.{column} is {literal(text)}")


def _insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, types: tuple[str, ...], rows: Iterable[tuple]
) -> None:
    """`rows` into `pub.main.<table>` in one statement, a list per column (executemany took
    a statement per row: a tenth of a second for the data dictionary's)."""
    columns = list(zip(*rows, strict=True)) or [() for _ in types]
    select = ", ".join(f"unnest(${i + 1}::{kind}[])" for i, kind in enumerate(types))
    con.execute(f"insert into pub.main.{table} select {select}", [list(c) for c in columns])


INFO_DOCS = {
    "publication_info": "One row: the run that built this file, what it reported on, and when.",
    "publication_tables": "Data dictionary: every published table, what it was built from, "
    "its row count and description.",
    "publication_columns": "Data dictionary: every column of every published table, its type "
    "and description (the dbt model's YAML).",
}
INFO_COLUMN_DOCS = {
    ("publication_info", "run_id"): "Dagster run id of the run that published this file.",
    ("publication_info", "source_system"): "Source of the SSDA903 marts: mosaic or ssda903.",
    ("publication_info", "la_code"): "Reporting local authority code, as configured.",
    ("publication_info", "la_name"): "Reporting local authority's name in the DfE files.",
    ("publication_info", "old_la_code"): "Reporting LA's old (3-digit) DfE code.",
    ("publication_info", "new_la_code"): "Reporting LA's ONS code (E0...).",
    ("publication_info", "period_ends"): "Reporting dates of the indicators, ISO, comma-separated.",
    ("publication_info", "latest_period_end"): "Latest reporting date: the Panel report's period.",
    ("publication_info", "suppression_threshold"): "Counts below this are shown as c in the report "
    "(not in this database).",
    ("publication_info", "built_at"): "When the file was built, UTC.",
    ("publication_info", "duckdb_version"): "DuckDB version that wrote the file.",
    (
        "publication_info",
        "storage_version",
    ): "Storage format: readable by this DuckDB version or newer.",
    ("publication_info", "pipeline_version"): "Version of the pipeline (cla-pipeline package) "
    "that built the file; CHANGELOG.md says what changed.",
    ("publication_info", "git_commit"): "Git commit of the pipeline's code (-dirty: with local "
    "changes); empty when it did not run from a git checkout.",
    ("publication_info", "data_extracted"): "Date of the data the figures come from: the "
    "Mosaic extract's date (its folder name), or 31 March of the latest SSDA903 return; the "
    "Panel report's header shows it. Null when unknown.",
    ("publication_tables", "table_name"): "Table in schema main.",
    ("publication_tables", "built_from"): "Warehouse relation copied (schema.table).",
    ("publication_tables", "row_count"): "Rows in the table.",
    ("publication_tables", "description"): "What the table holds.",
    ("publication_columns", "table_name"): "Table in schema main.",
    ("publication_columns", "column_name"): "Column name.",
    ("publication_columns", "data_type"): "DuckDB type.",
    ("publication_columns", "description"): "What the column holds.",
}
