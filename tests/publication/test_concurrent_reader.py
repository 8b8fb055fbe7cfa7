"""An analyst's open connection while the nightly run publishes: neither fails, no mix.

Three processes, as in real life: an analyst who keeps a read-only connection open, the
nightly run publishing (three times over, to widen the window), and this test opening
fresh read-only connections throughout. (Within one process DuckDB shares one database
instance per path, so an analyst sees a new publication after closing every connection.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

from dagster_project.settings import REPO_ROOT

from .conftest import build
from .fixtures import view

TESTS = str(REPO_ROOT / "tests")

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from publication.fixtures import make_warehouse
    from dagster_project.publication.database import Descriptions, RunInfo
    from dagster_project.publication.publish import publish
    base = Path({base!r})
    for marker in ("B", "C", "D"):
        warehouse = make_warehouse(base / f"w{{marker}}" / "cla.duckdb", marker)
        publish(warehouse, base / "publish", RunInfo(f"run-{{marker}}", "mosaic", "310", 6),
                Descriptions())
    """
)
ANALYST = textwrap.dedent(
    """
    import json, sys, time, duckdb
    from pathlib import Path
    sys.path.insert(0, sys.argv[4])
    from publication.fixtures import view
    con = duckdb.connect(sys.argv[1], read_only=True)
    seen = [view(con)]
    Path(sys.argv[2]).touch()
    while not Path(sys.argv[3]).exists():
        seen.append(view(con))
        time.sleep(0.01)
    print(json.dumps(seen))
    """
)


def test_reader_sees_old_or_new_never_a_mix(tmp_path: Path) -> None:
    first = build(tmp_path, "A", "run-A")
    ready, stop = tmp_path / "analyst.ready", tmp_path / "analyst.stop"
    analyst = subprocess.Popen(
        [sys.executable, "-c", ANALYST, str(first.database), str(ready), str(stop), TESTS],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert analyst.poll() is None and time.monotonic() < deadline, analyst.stderr.read()
        time.sleep(0.05)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER.format(tests=TESTS, base=str(tmp_path))],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = []
    while writer.poll() is None:
        con = duckdb.connect(str(first.database), read_only=True)
        try:
            seen.append(view(con))
        finally:
            con.close()
    _, writer_err = writer.communicate()
    assert writer.returncode == 0, writer_err  # the open analyst connection blocked nothing
    stop.touch()
    analyst_out, analyst_err = analyst.communicate(timeout=60)
    assert analyst.returncode == 0, analyst_err
    analyst_seen = json.loads(analyst_out)
    assert len(analyst_seen) > 1
    assert {(r, tuple(m)) for r, m in analyst_seen} == {("run-A", ("A",))}
    for run_id, markers in seen:
        assert markers == [run_id.removeprefix("run-")], (run_id, markers)
    assert len({run_id for run_id, _ in seen}) >= 2, "reads did not overlap the publication"
    con = duckdb.connect(str(first.database), read_only=True)
    assert view(con) == ("run-D", ["D"])
    con.close()
