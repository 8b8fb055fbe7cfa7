"""A run's compile kept for the next run (`transform/compiled_cache.py`): read back only
whole and only for the same parse, selection, catalog and variables; never an error when
damaged, raced or pruned. Real dbt nodes (the project's parse) and real DuckDB files; that
a kept compile builds what dbt builds is tests/transform/test_compiled_build.py's."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dagster_project.transform import compiled_cache, dbt_build

VARS: dict[str, object] = {"source_system": "mosaic", "la_code": "310", "period_ends": []}
ARGS = ["build", "--select", "fqn:*"]


@pytest.fixture(scope="module")
def nodes() -> list[Any]:
    """A few of the project's parsed nodes: a model, a test and a seed, as dbt made them."""
    parsed = dbt_build._parsed_manifest(dbt_build.parsed_manifest_path())
    chosen: dict[str, Any] = {}
    for node in parsed.nodes.values():
        chosen.setdefault(node.resource_type, node)
    return [chosen[kind] for kind in ("model", "test", "seed")]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A closed DuckDB file with one table, as `dbt seed` leaves its scratch database."""
    path = tmp_path / "scratch" / "cla.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as con:
        con.execute("create table code_lists as select range as code from range(40)")
    return path


def _kept(tmp_path: Path, nodes: list[Any], seeds: Path) -> Path:
    parsed = tmp_path / "target" / "partial_parse.msgpack"
    parsed.parent.mkdir(exist_ok=True)
    parsed.write_bytes(b"a parse")
    kept = compiled_cache.entry(parsed, compiled_cache.digest(b"a parse"), ARGS, "cla", VARS)
    compiled_cache.write(kept, nodes, seeds)
    return kept


def test_what_is_kept_is_read_back_as_dbt_made_it(
    tmp_path: Path, nodes: list[Any], seeds: Path
) -> None:
    kept = _kept(tmp_path, nodes, seeds)
    assert kept.parent == tmp_path / "target" / compiled_cache.FOLDER
    scratch = tmp_path / "run" / "cla.duckdb"
    scratch.parent.mkdir()
    back = compiled_cache.read(kept, scratch)
    assert back is not None
    assert [type(node) for node in back] == [type(node) for node in nodes]
    assert [node.to_dict() for node in back] == [node.to_dict() for node in nodes]
    with duckdb.connect(str(scratch), read_only=True) as con:
        assert con.execute("select count(*), sum(code) from code_lists").fetchone() == (40, 780)
    # nothing left but the entry: no staging folder
    assert [p.name for p in kept.parent.iterdir()] == [kept.name]


@pytest.mark.parametrize("damaged", [compiled_cache.NODES, compiled_cache.SEEDS])
def test_a_damaged_entry_is_compiled_afresh_not_an_error(
    tmp_path: Path, nodes: list[Any], seeds: Path, damaged: str
) -> None:
    kept = _kept(tmp_path, nodes, seeds)
    text = (kept / damaged).read_bytes()
    (kept / damaged).write_bytes(text[: len(text) // 2])
    scratch = tmp_path / "cla.duckdb"
    assert compiled_cache.read(kept, scratch) is None
    assert not scratch.exists()  # no half-copied database left for the build to attach
    # the damaged entry is gone: this run's compile is kept in its place
    assert not kept.exists()
    compiled_cache.write(kept, nodes, seeds)
    assert compiled_cache.read(kept, scratch) is not None


def test_a_missing_entry_reads_as_none(tmp_path: Path) -> None:
    assert compiled_cache.read(tmp_path / "none", tmp_path / "cla.duckdb") is None


def test_a_second_run_keeping_the_same_leaves_the_first_whole(
    tmp_path: Path, nodes: list[Any], seeds: Path
) -> None:
    kept = _kept(tmp_path, nodes, seeds)
    before = {p.name: p.read_bytes() for p in kept.iterdir()}
    compiled_cache.write(kept, nodes[:1], None)  # refused: the entry exists
    assert {p.name: p.read_bytes() for p in kept.iterdir()} == before
    assert [p.name for p in kept.parent.iterdir()] == [kept.name]


def test_runs_keeping_the_same_at_once_leave_one_whole_entry(
    tmp_path: Path, nodes: list[Any], seeds: Path
) -> None:
    """Eight writers of one entry at the same moment (runs of two LAs' warehouses named
    alike, or a run and a test): one entry, whole, no staging folder left."""
    parsed = tmp_path / "target" / "partial_parse.msgpack"
    parsed.parent.mkdir()
    kept = compiled_cache.entry(parsed, compiled_cache.digest(b"a parse"), ARGS, "cla", VARS)
    start = threading.Barrier(8)

    def keep() -> None:
        start.wait()
        compiled_cache.write(kept, nodes, seeds)

    writers = [threading.Thread(target=keep) for _ in range(8)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert [p.name for p in kept.parent.iterdir()] == [kept.name]
    back = compiled_cache.read(kept, tmp_path / "cla.duckdb")
    assert back is not None and [n.to_dict() for n in back] == [n.to_dict() for n in nodes]


def test_a_database_not_checkpointed_is_not_kept(
    tmp_path: Path, nodes: list[Any], seeds: Path
) -> None:
    seeds.with_name(seeds.name + ".wal").write_bytes(b"uncommitted")
    kept = _kept(tmp_path, nodes, seeds)
    assert not kept.exists()


def test_each_thing_a_compile_depends_on_is_in_its_key(tmp_path: Path) -> None:
    parsed = tmp_path / "partial_parse.msgpack"
    parse = compiled_cache.digest(b"a parse")
    base = compiled_cache.entry(parsed, parse, ARGS, "cla", VARS)
    assert compiled_cache.entry(parsed, parse, ARGS, "cla", dict(VARS)) == base
    others = [
        compiled_cache.entry(parsed, parse, [*ARGS, "--exclude", "x"], "cla", VARS),
        compiled_cache.entry(parsed, parse, ARGS, "other", VARS),
        compiled_cache.entry(parsed, parse, ARGS, "cla", {**VARS, "la_code": "311"}),
        compiled_cache.entry(parsed, compiled_cache.digest(b"another parse"), ARGS, "cla", VARS),
    ]
    assert len({base, *others}) == 5
    assert all(entry.parent == tmp_path / compiled_cache.FOLDER for entry in others)


def test_only_the_most_recently_used_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / compiled_cache.FOLDER
    now = time.time()
    for age, name in enumerate(["e0", "e1", "e2", "e3", "e4", "e5"]):
        (folder / name).mkdir(parents=True)
        os.utime(folder / name, (now - 60 * age, now - 60 * age))
    (folder / ".left-by-a-dead-run").mkdir()
    os.utime(folder / ".left-by-a-dead-run", (now - 7200, now - 7200))
    (folder / ".being-written").mkdir()
    compiled_cache.prune(folder, keep=4)
    assert sorted(p.name for p in folder.iterdir()) == [".being-written", "e0", "e1", "e2", "e3"]
    shutil.rmtree(folder)
    compiled_cache.prune(folder)  # gone meanwhile: nothing to do, no error
