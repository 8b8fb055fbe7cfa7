"""DuckDB's memory cap on the warehouse (warehouse.MEMORY_LIMIT, docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.transform.dbt_build import write_profile
from dagster_project.warehouse import MEMORY_LIMIT, connect


def _as_duckdb_shows(limit: str) -> str:
    con = duckdb.connect()
    con.execute(f"set memory_limit = '{limit}'")
    return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_every_warehouse_connection_and_the_dbt_build_have_the_cap(tmp_path: Path) -> None:
    default = duckdb.connect().execute("select current_setting('memory_limit')").fetchone()[0]
    capped = _as_duckdb_shows(MEMORY_LIMIT)
    assert capped != default  # the cap is not DuckDB's own default on this machine
    warehouse = tmp_path / "warehouse" / "cla.duckdb"
    for read_only in (False, True):
        with connect(warehouse, read_only=read_only) as con:
            assert con.execute("select current_setting('memory_limit')").fetchone()[0] == capped
    profile = (write_profile(tmp_path / "profile", warehouse) / "profiles.yml").read_text()
    assert f'memory_limit: "{MEMORY_LIMIT}"' in profile


def test_dbt_s_own_connection_runs_under_the_cap(tmp_path: Path) -> None:
    """Asked inside dbt (in process, the run's profile): DuckDB reports the capped limit."""
    from dagster_project.transform.dbt_cli import run_dbt

    shown = run_dbt(
        ["show", "--inline", "select current_setting('memory_limit') as duckdb_memory_limit"],
        tmp_path / "warehouse.duckdb",
        {},
        target=tmp_path / "target",
    ).stdout
    rows = [line for line in shown.splitlines() if line.startswith("|")]
    assert rows[0].strip("| ") == "duckdb_memory_limit"
    assert rows[-1].strip("| ") == _as_duckdb_shows(MEMORY_LIMIT)
