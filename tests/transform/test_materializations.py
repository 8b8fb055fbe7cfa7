"""The project's own table and view materializations (dbt/macros/materializations/).

They replace a relation in place (`create or replace`) where dbt's build under a temporary
name and rename. What must hold: a model becomes the relation its config says, with the
model's columns, over nothing, over itself, or over a relation of the other kind left by
an earlier version of the project; and no model asks for what they do not build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.transform.project import prepared_manifest, target_path
from dagster_project.warehouse import connect

from .helpers import rows

MATERIALIZATIONS = (
    Path(__file__).resolve().parents[2]
    / "dbt"
    / "macros"
    / "materializations"
    / "replace_in_place.sql"
)
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


# A project of its own for what the real one must never contain: the materializations'
# macro file, and one model asking for what they refuse. Parsing it takes seconds; the
# real project takes half a minute.
SCRATCH_PROJECT = """\
name: scratch
version: "1.0.0"
config-version: 2
profile: scratch
flags:
  send_anonymous_usage_stats: false
"""
SCRATCH_PROFILE = """\
scratch:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: {path}
      threads: 1
"""


def _scratch_dbt(root: Path, model_sql: str) -> subprocess.CompletedProcess[str]:
    (root / "models").mkdir(parents=True, exist_ok=True)
    (root / "macros").mkdir(exist_ok=True)
    shutil.copy(MATERIALIZATIONS, root / "macros" / MATERIALIZATIONS.name)
    (root / "dbt_project.yml").write_text(SCRATCH_PROJECT, encoding="utf-8")
    (root / "profiles.yml").write_text(
        SCRATCH_PROFILE.format(path=json.dumps(str(root / "scratch.duckdb"))), encoding="utf-8"
    )
    (root / "models" / "asks.sql").write_text(model_sql, encoding="utf-8")
    dbt = Path(sys.executable).with_name("dbt")
    # the test session's DBT_TARGET_PATH is the real project's parse: never written here
    env = {key: value for key, value in os.environ.items() if not key.startswith("DBT_")}
    return subprocess.run(
        [str(dbt), "run", "--project-dir", str(root), "--profiles-dir", str(root),
         "--target-path", str(root / "target")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
        env=env,
    )  # fmt: skip


def test_a_model_asking_for_what_is_not_built_is_refused_and_the_old_relation_kept(
    tmp_path: Path,
) -> None:
    session_parse = (target_path() / "manifest.json").read_bytes()
    built = _scratch_dbt(tmp_path, "{{ config(materialized='table') }} select 1 as kept")
    assert built.returncode == 0, built.stdout[-3000:]
    # every refused config at once, so one more dbt call: the message names each
    asks = (
        "materialized='table', contract={'enforced': true}, grants={'select': ['analysts']},"
        " sorted_by=['replaced'], persist_docs={'relation': true}"
    )
    refused = _scratch_dbt(tmp_path, f"{{{{ config({asks}) }}}} select 2 as replaced")
    assert refused.returncode == 1
    assert (
        "model.scratch.asks asks for an enforced contract, grants, sorted_by, persist_docs,"
        " which this project's materializations do not build"
    ) in " ".join(refused.stdout.split())
    with connect(tmp_path / "scratch.duckdb") as con:
        kept = con.execute("select * from main.asks").fetchall()
        kind = con.execute(
            "select table_type from information_schema.tables where table_name = 'asks'"
        ).fetchall()
    assert (kept, kind) == ([(1,)], [("BASE TABLE",)])
    assert (target_path() / "manifest.json").read_bytes() == session_parse


REPLACING = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("begin")  # as the materializations do: dbt's transaction, then the statement
print("replacing", flush=True)
con.execute(
    "create or replace table staging.kept as "
    "select i as replaced, hash(i) as spread from range(100000000) r(i)"
)
print("replaced", flush=True)
"""


def test_a_run_killed_mid_replace_leaves_the_old_table(tmp_path: Path) -> None:
    # What `create or replace` in the model's transaction relies on: a process killed while
    # DuckDB is already writing the new table's blocks into the file leaves the old table.
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as con:
        con.execute("create schema staging")
        con.execute("create table staging.kept as select 1 as kept")
    before = warehouse.stat().st_size
    replacing = subprocess.Popen(
        [sys.executable, "-c", REPLACING, str(warehouse)], stdout=subprocess.PIPE, text=True
    )
    assert replacing.stdout is not None
    assert replacing.stdout.readline().strip() == "replacing"
    deadline = time.monotonic() + 120
    while warehouse.stat().st_size < before + 32 * 2**20 and time.monotonic() < deadline:
        time.sleep(0.05)  # until the new table's blocks are in the file
    replacing.kill()
    rest = replacing.stdout.read()
    replacing.wait()
    assert warehouse.stat().st_size >= before + 32 * 2**20  # killed mid-write, not before
    assert "replaced" not in rest
    with connect(warehouse) as con:
        assert con.execute("select * from staging.kept").fetchall() == [(1,)]
        assert con.execute("select count(*) from duckdb_tables()").fetchall() == [(1,)]
