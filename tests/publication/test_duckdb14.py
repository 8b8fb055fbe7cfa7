"""The publication opens in DuckDB 1.4, the oldest client analysts' tools may ship.

`make setup` creates `.venv/duckdb14` (duckdb==1.4.x only); tests need no network.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

from dagster_project.publication.publish import Publication
from dagster_project.settings import REPO_ROOT

DUCKDB14_PYTHON = Path(
    os.environ.get("CLA_DUCKDB14_PYTHON", REPO_ROOT / ".venv" / "duckdb14" / "bin" / "python")
)
READER = textwrap.dedent(
    """
    import json, sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    out = {
        "version": duckdb.__version__,
        "counts": {t: con.execute(f'select count(*) from "{t}"').fetchone()[0]
                   for (t,) in con.execute("select table_name from duckdb_tables()").fetchall()},
        "comment": con.execute("select comment from duckdb_tables() "
                               "where table_name = 'indicator_values'").fetchone()[0],
        "value": con.execute("select value from indicator_values where period_end = "
                             "'2025-06-30' and indicator_id = 'cla_at_period_end'").fetchone()[0],
        "info": [str(v) for v in con.execute("select run_id, latest_period_end "
                                              "from publication_info").fetchone()],
    }
    print(json.dumps(out))
    """
)


def test_duckdb_1_4_reads_the_publication(publication: Publication) -> None:
    assert DUCKDB14_PYTHON.exists(), (
        f"{DUCKDB14_PYTHON} missing: run `make setup` (it creates .venv/duckdb14 with duckdb 1.4)"
    )
    result = subprocess.run(
        [str(DUCKDB14_PYTHON), "-c", READER, str(publication.database)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["version"].startswith("1.4.")
    assert seen["counts"] == {
        **publication.row_counts,
        **{
            k: seen["counts"][k]
            for k in ("publication_info", "publication_tables", "publication_columns")
        },
    }
    assert seen["counts"]["publication_info"] == 1
    assert seen["comment"] == "One row per indicator and period end."
    assert seen["value"] == 200.0
    assert seen["info"] == ["run-A", "2025-06-30"]
