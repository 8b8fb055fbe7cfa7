"""The `filled` test (dbt/macros/testing/filled.sql): several columns' not-null checks in one
dbt node. Run by dbt on the `local_authorities` seed: it passes on the seed as shipped, fails
once two of its columns have blanks, and its failing rows name the columns and count the
rows, never a value."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dagster_project.transform.dbt_cli import run_dbt

SEED = "local_authorities"


def test_filled_passes_then_names_the_blank_columns(tmp_path: Path) -> None:
    warehouse, target = tmp_path / "cla.duckdb", tmp_path / "target"
    run_dbt(["build", "--select", SEED], warehouse, target=target)
    with duckdb.connect(str(warehouse)) as con:
        (schema,) = con.execute(
            "select table_schema from information_schema.tables where table_name = ?", [SEED]
        ).fetchone()
        con.execute(
            f"update {schema}.{SEED} set la_name = null "
            f"where la_code = (select min(la_code) from {schema}.{SEED})"
        )
        con.execute(f"update {schema}.{SEED} set region_code = null")
        (rows,) = con.execute(f"select count(*) from {schema}.{SEED}").fetchone()

    failed = run_dbt(["test", "--select", SEED], warehouse, check=False, target=target)
    assert failed.returncode == 1
    assert "filled_" in failed.stdout and "FAIL 2" in failed.stdout  # two columns with blanks

    (compiled,) = (target / "compiled").rglob("filled_*.sql")  # the test's own query
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = sorted(con.execute(compiled.read_text()).fetchall())
    assert found == [("la_name", 1), ("region_code", rows)]
