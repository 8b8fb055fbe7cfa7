"""The analysts' data dictionary as Markdown: from a published file, or from the dbt docs.

The published file carries its own dictionary (`publication_tables`, `publication_columns`
and DuckDB comments), so a page generated from it always matches the file an analyst has:
`python -m dagster_project.publication.dictionary --database publish/cla_marts.duckdb`.
Without `--database` the page is built from the dbt manifest (what the next run publishes).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import duckdb

from dagster_project.publication.database import INFO_COLUMN_DOCS, INFO_DOCS, SOURCE_SCHEMAS

HEADER = (
    "# Data dictionary: `cla_marts.duckdb`\n\n"
    "Every table is in schema `main`. The same descriptions are DuckDB comments on the tables "
    "and columns (`select * from duckdb_columns()`), and the tables `publication_tables` and "
    "`publication_columns` hold this page as data.\n"
)


def _cell(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def render(tables: Iterable[tuple[str, str, list[tuple[str, str, str]]]]) -> str:
    """Markdown for (table, description, [(column, type, description)])."""
    parts = [HEADER]
    for table, description, columns in tables:
        parts.append(f"\n## `{table}`\n\n{_cell(description) or '(no description)'}\n")
        parts.append("\n| column | type | description |\n|---|---|---|\n")
        parts += [f"| `{c}` | {t} | {_cell(d)} |\n" for c, t, d in columns]
    return "".join(parts)


def from_database(path: Path) -> str:
    """Every table of a published file, from its DuckDB comments."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        docs = dict(
            con.execute(
                "select table_name, coalesce(comment, '') from duckdb_tables() "
                "where schema_name = 'main'"
            ).fetchall()
        )
        columns: dict[str, list[tuple[str, str, str]]] = {}
        for table, column, data_type, description in con.execute(
            "select table_name, column_name, data_type, coalesce(comment, '') "
            "from duckdb_columns() where schema_name = 'main' order by table_name, column_index"
        ).fetchall():
            columns.setdefault(table, []).append((column, data_type, description))
    finally:
        con.close()
    return render([(t, docs[t], columns.get(t, [])) for t in sorted(docs)])


def from_manifest(manifest: Path) -> str:
    nodes = json.loads(manifest.read_text(encoding="utf-8")).get("nodes", {})
    chosen: dict[str, dict] = {}
    for schema in SOURCE_SCHEMAS:
        for node in sorted(nodes.values(), key=lambda n: n["name"]):
            name = node.get("alias") or node["name"]
            if (
                node.get("resource_type") in ("model", "seed")
                and node.get("schema") == schema
                and name not in chosen
            ):
                chosen[name] = node
    tables = [
        (
            name,
            node.get("description", ""),
            [
                (column, col.get("data_type") or "", col.get("description", ""))
                for column, col in (node.get("columns") or {}).items()
            ],
        )
        for name, node in sorted(chosen.items())
    ]
    for table, text in INFO_DOCS.items():
        tables.append(
            (table, text, [(c, "", d) for (t, c), d in INFO_COLUMN_DOCS.items() if t == table])
        )
    return render(tables)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, help="a published cla_marts.duckdb")
    args = parser.parse_args(argv)
    if args.database:
        sys.stdout.write(from_database(args.database))
    else:
        from dagster_project.transform.project import ensure_manifest

        sys.stdout.write(from_manifest(ensure_manifest()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
