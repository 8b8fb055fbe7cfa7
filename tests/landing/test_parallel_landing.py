"""A return's files landed on several connections at once (`land_source(workers=)`, what
`cla validate` does on its own in-memory database and a run on its warehouse) land exactly
as one after another: the same rows, provenance, quarantine and log, whatever the files'
troubles, and on a database file when files change between two landings."""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.loader import land_source
from dagster_project.settings import REPO_ROOT
from dagster_project.synthetic.generator import generate

NOW = dt.datetime(2026, 12, 3, 9, 30)


@pytest.fixture(scope="module")
def troubled_return(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One year of a generated LA's 903 files, with the troubles a real folder has: a
    second file of one table (names differing in case), a column the contract does not
    know (the table is altered), a Windows-1252 file (Python's reader), a bad byte in one
    row (quarantined), a file missing required columns (rejected), and a CSV of no known
    kind (a table of its own)."""
    base = tmp_path_factory.mktemp("parallel_landing")
    generate(base / "landing", children=80, years=3, seed=11, source="ssda903", workers=1)
    year = sorted((base / "landing" / "ssda903").iterdir())[-1]
    root = base / "ssda903"
    folder = root / year.name
    shutil.copytree(year, folder)
    shutil.copy(folder / "episodes.csv", folder / "Episodes.csv")
    lines = (folder / "header.csv").read_text().splitlines()
    extra = [lines[0] + ",NOTES", *(f"{line},note {i}" for i, line in enumerate(lines[1:]))]
    (folder / "header.csv").write_text("\n".join(extra) + "\n")
    reviews = (folder / "reviews.csv").read_text().splitlines()
    reviews[1] = reviews[1].replace(",", ",£", 1)  # a pound sign only Windows-1252 encodes
    (folder / "reviews.csv").write_bytes(("\n".join(reviews) + "\n").encode("cp1252"))
    missing = (folder / "missing.csv").read_bytes().splitlines()
    missing[1] = missing[1].replace(b",", ",Zoë,".encode()[:-1], 1)  # UTF-8 elsewhere...
    missing[2] = missing[2].replace(b",", b",\xe9", 1)  # ...so this row alone is quarantined
    (folder / "missing.csv").write_bytes(b"\n".join(missing) + b"\n")
    (folder / "oc3.csv").write_text("CHILD,SOMETHING\n1,2\n")
    (folder / "notes.csv").write_text("CHILD,NOTE\n1,a note\n")
    return root


def _landed(
    workers: int, root: Path, database: str = ":memory:", before: Callable[[], None] | None = None
) -> dict[str, list[tuple]]:
    """What landing `root` on `workers` connections leaves; with `before`, the folder
    landed first (one at a time), then `before` changes it, then it lands again."""
    con = duckdb.connect(database)
    try:
        if before is not None:
            land_source(con, "ssda903", root, now=NOW, workers=1)
            before()
        report = land_source(con, "ssda903", root, now=NOW, workers=workers)
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'raw' order by 1"
            ).fetchall()
        ]
        landed = {
            table: sorted(con.execute(f'select * from raw."{table}"').fetchall(), key=repr)
            for table in tables
            if table != "load_log"
        }
        landed["load_log"] = sorted(
            con.execute("select * exclude (log_id, scan_id) from raw.load_log").fetchall(),
            key=repr,
        )
        landed["outcomes"] = sorted(
            ((o.source_file, o.status, o.rows, o.quarantined, o.message) for o in report.outcomes),
            key=repr,
        )
        return landed
    finally:
        con.close()


def test_files_land_the_same_at_once(troubled_return: Path) -> None:
    one = _landed(1, troubled_return)
    statuses = {o[0].split("/")[-1]: o[1] for o in one["outcomes"]}
    # the troubles are there to land: the test is not passing on a return without them
    assert statuses["oc3.csv"] == "rejected" and statuses["Episodes.csv"] == "loaded"
    assert len(one["quarantine"]) == 1 and "ssda903_notes" in one
    assert any(o[0].endswith("reviews.csv") and o[2] > 1 for o in one["outcomes"])
    episodes = one["ssda903_episodes"]
    assert {r for r in episodes if "Episodes.csv" in repr(r)} and len(episodes) > 100
    for workers in (2, 3):
        assert _landed(workers, troubled_return) == one


def test_files_land_the_same_at_once_on_a_database_file_as_they_change(
    troubled_return: Path, tmp_path: Path
) -> None:
    """The warehouse's case: a second landing replaces a changed file, keeps an unchanged
    one, removes one gone from the folder; on 1, 2 and 3 connections of the file."""
    copy = tmp_path / "ssda903"
    folder = copy / sorted(p.name for p in troubled_return.iterdir())[-1]

    def change() -> None:
        episodes = (folder / "episodes.csv").read_text().splitlines()
        (folder / "episodes.csv").write_text("\n".join(episodes[:-5]) + "\n")
        header = (folder / "header.csv").read_text()
        (folder / "header.csv").write_text(header + header.splitlines()[-1] + "\n")
        (folder / "notes.csv").unlink()

    landed = []
    for workers in (1, 2, 3):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(troubled_return, copy)
        database = str(tmp_path / f"warehouse_{workers}.duckdb")
        landed.append(_landed(workers, copy, database, before=change))
    statuses = {o[1] for o in landed[0]["outcomes"]}
    assert statuses == {"replaced", "unchanged", "removed", "rejected"}
    assert landed[1] == landed[0] and landed[2] == landed[0]


FAKE_RETURN = Path(__file__).parents[1] / "quality" / "fixtures" / "validator_fake_903"


def test_the_public_validators_fake_return_lands_the_same_at_once_on_a_file(
    tmp_path: Path,
) -> None:
    """Not our generator's files: the validator's own fake return (a byte-order mark, CRLF
    line ends, a last line without a break, 12 kinds of file), on a database file."""
    root = tmp_path / "ssda903"
    shutil.copytree(FAKE_RETURN, root / "2025")  # a collection year's folder, as delivered
    landed = [
        _landed(workers, root, str(tmp_path / f"warehouse_{workers}.duckdb"))
        for workers in (1, 2, 3)
    ]
    assert len([o for o in landed[0]["outcomes"] if o[1] == "loaded"]) == 12
    assert sum(o[2] for o in landed[0]["outcomes"]) == 1319
    assert landed[1] == landed[0] and landed[2] == landed[0]


# lands a folder on two connections of a database file, as a run's landing step does
LAND = textwrap.dedent(
    """
    import datetime as dt, sys, duckdb
    from pathlib import Path
    from dagster_project.landing.loader import land_source
    con = duckdb.connect(sys.argv[1])
    print("landing", flush=True)
    land_source(con, "ssda903", Path(sys.argv[2]), now=dt.datetime(2026, 12, 3, 9, 30), workers=2)
    print("landed", flush=True)
    """
)


def _rows_by_file(database: Path) -> tuple[dict[str, int], dict[str, int], dict[str, list]]:
    """Rows in the raw tables by source file; rows each file's latest log entry says it
    landed (loaded, replaced or unchanged); and every raw table's rows."""
    with duckdb.connect(str(database), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'raw' "
                "and table_name like 'ssda903_%' order by 1"
            ).fetchall()
        ]
        present: dict[str, int] = {}
        for table in tables:
            for source_file, rows in con.execute(
                f'select _source_file, count(*) from raw."{table}" group by 1'
            ).fetchall():
                present[source_file] = present.get(source_file, 0) + rows
        logged = dict(
            con.execute(
                "select source_file, rows from raw.load_log where status in "
                "('loaded', 'replaced', 'unchanged') qualify row_number() over "
                "(partition by source_file order by log_id desc) = 1"
            ).fetchall()
        )
        contents = {
            table: sorted(con.execute(f'select * from raw."{table}"').fetchall(), key=repr)
            for table in tables
        }
    return present, logged, contents


def test_a_landing_killed_on_two_connections_leaves_whole_files_only(tmp_path: Path) -> None:
    """SIGKILL while a generated LA's 16 years of 903 files land on two connections of a
    database file: every file is in the tables whole, as its log says, or not at all; the
    next landing finishes it to what a landing never killed leaves."""
    generate(tmp_path / "landing", children=2500, years=16, seed=7, source="ssda903", workers=1)
    root = tmp_path / "landing" / "ssda903"
    whole = tmp_path / "whole.duckdb"
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", LAND, str(whole), str(root)], check=True, cwd=REPO_ROOT)
    took = time.monotonic() - started
    killed = tmp_path / "killed.duckdb"
    child = subprocess.Popen(
        [sys.executable, "-c", LAND, str(killed), str(root)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "landing"
    time.sleep(took * 0.3)  # the interpreter's start is behind it: mid-landing
    child.send_signal(signal.SIGKILL)
    child.wait()
    present, logged, _ = _rows_by_file(killed)
    assert present == {f: n for f, n in logged.items() if n}  # whole files, as logged
    assert 0 < len(logged) < 16 * 7  # killed after some files, before the last
    subprocess.run([sys.executable, "-c", LAND, str(killed), str(root)], check=True, cwd=REPO_ROOT)
    assert _rows_by_file(killed)[2] == _rows_by_file(whole)[2]
