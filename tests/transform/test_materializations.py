"""The project's own table and view materializations (dbt/macros/materializations/).

They replace a relation in place (`create or replace`) where dbt's build under a temporary
name and rename. What must hold: a model becomes the relation its config says, with the
model's columns, over nothing, over itself, or over a relation of the other kind left by
an earlier version of the project; and no model asks for what they do not build.
"""

from __future__ import annotations

import json
from pathlib import Path

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.transform.project import prepared_manifest
from dagster_project.warehouse import connect

from .helpers import rows

TABLE_MODEL = "stg_cin__children"  # a table over one source
VIEW_MODEL = "stg_mosaic__assessments"  # a view over one source
RELATIONS = """
    select table_name, table_type from information_schema.tables
    where table_schema = 'staging' and table_name in (?, ?) order by table_name
"""
COLUMNS = """
    select table_name, list(column_name order by ordinal_position)
    from information_schema.columns
    where table_schema = 'staging' and table_name in (?, ?) group by table_name
    order by table_name
"""


def _build(warehouse: Path, target: Path) -> None:
    run_dbt(
        ["run", "--select", f"{TABLE_MODEL} {VIEW_MODEL}"],
        warehouse,
        {"source_system": "mosaic", "la_code": "310", "period_ends": []},
        target=target,
    )


def test_models_replace_nothing_themselves_and_the_other_kind(tmp_path: Path) -> None:
    expected = [(TABLE_MODEL, "BASE TABLE"), (VIEW_MODEL, "VIEW")]
    fresh, stale = tmp_path / "fresh.duckdb", tmp_path / "stale.duckdb"
    for warehouse in (fresh, stale):
        with connect(warehouse) as con:
            ensure_all_sources(con)
    with connect(stale) as con:
        # an earlier project's relations of the other kind, under the models' names
        con.execute("create schema staging")
        con.execute(f"create view staging.{TABLE_MODEL} as select 1 as stale")
        con.execute(f"create table staging.{VIEW_MODEL} as select 1 as stale")

    _build(fresh, tmp_path / "target")
    assert rows(fresh, RELATIONS, [TABLE_MODEL, VIEW_MODEL]) == expected
    columns = rows(fresh, COLUMNS, [TABLE_MODEL, VIEW_MODEL])
    assert all("stale" not in names and len(names) > 1 for _, names in columns)

    _build(stale, tmp_path / "target")
    assert rows(stale, RELATIONS, [TABLE_MODEL, VIEW_MODEL]) == expected
    assert rows(stale, COLUMNS, [TABLE_MODEL, VIEW_MODEL]) == columns

    _build(fresh, tmp_path / "target")  # over themselves, as every night
    assert rows(fresh, RELATIONS, [TABLE_MODEL, VIEW_MODEL]) == expected
    assert rows(fresh, COLUMNS, [TABLE_MODEL, VIEW_MODEL]) == columns
    # nothing left under dbt's temporary or backup names
    assert rows(fresh, "select count(*) from information_schema.tables "
                "where table_name like '%__dbt_%'") == [(0,)]  # fmt: skip


def test_no_model_asks_for_what_the_materializations_do_not_build() -> None:
    # the macros refuse these at build time; this finds them when the project changes
    manifest = json.loads(prepared_manifest().read_text(encoding="utf-8"))
    asking = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        config = node["config"]
        wants = [
            key for key in ("grants", "indexes", "partitioned_by", "sorted_by") if config.get(key)
        ]
        if (config.get("contract") or {}).get("enforced"):
            wants.append("contract")
        docs = config.get("persist_docs") or {}
        if docs.get("relation") or docs.get("columns"):
            wants.append("persist_docs")
        if config["materialized"] not in ("table", "view", "ephemeral"):
            wants.append(config["materialized"])
        if node["language"] != "sql":
            wants.append(node["language"])
        if wants:
            asking[node["unique_id"]] = wants
    assert asking == {}
