"""The warehouse carries every built model's and seed's YAML descriptions as comments
(dbt macro persist_comments, run once at the end of the build instead of persist_docs):
what an engineer or analyst sees with `duckdb_tables()` and `duckdb_columns()`."""

from __future__ import annotations

import json

import duckdb

from dagster_project.transform.project import ensure_manifest

from .helpers import GeneratedLA


def test_built_relations_and_columns_carry_their_descriptions(generated_la: GeneratedLA) -> None:
    manifest = json.loads(ensure_manifest().read_text(encoding="utf-8"))
    con = duckdb.connect(str(generated_la.warehouse), read_only=True)
    relations = {
        (s.lower(), t.lower()): c
        for s, t, c in con.execute(
            "select schema_name, table_name, comment from duckdb_tables() "
            "union all select schema_name, view_name, comment from duckdb_views() "
            "where not internal"
        ).fetchall()
    }
    columns = {
        (s.lower(), t.lower(), c.lower()): comment
        for s, t, c, comment in con.execute(
            "select schema_name, table_name, column_name, comment from duckdb_columns()"
        ).fetchall()
    }
    con.close()
    checked_relations = checked_columns = 0
    for node in manifest["nodes"].values():
        if node["resource_type"] not in ("model", "seed"):
            continue
        key = (node["schema"].lower(), node["alias"].lower())
        if key not in relations:
            continue  # not in this build's selection
        assert relations[key] == (node["description"] or None), key
        checked_relations += 1
        for name, column in node["columns"].items():
            if column["description"] and (*key, name.lower()) in columns:
                assert columns[(*key, name.lower())] == column["description"], (key, name)
                checked_columns += 1
    assert checked_relations > 40 and checked_columns > 400
    # undescribed columns (none in the project, but any a model adds) have no comment
    described = {
        (n["schema"].lower(), n["alias"].lower(), c.lower())
        for n in manifest["nodes"].values()
        if n["resource_type"] in ("model", "seed")
        for c, col in n["columns"].items()
        if col["description"]
    }
    assert all(v is None for k, v in columns.items() if k not in described and k[0] != "raw")
