"""A run's compile, kept for the next run that would compile the same.

Why: `compiled_build.compile_ahead` spends ~3.5 s of CPU (dbt rendering the 287 nodes of a
run's two builds, `dbt seed` into a scratch database) while the run starts, on the two
cores the run's imports and landing need (docs/benchmarks.md, twelfth session). What dbt
compiles depends only on the parse (`partial_parse.msgpack`), the build's selection, the
warehouse's catalog name and the run's variables, and the versions of dbt that compile
it: no model reads the database while it is compiled (`compile_ahead` says why; the test
that builds the project both ways would find one that did), so a night's compile is the
next night's.

Kept beside the parse, one folder per key (`<target>/compiled-ahead/<key>/`): the compiled
nodes as dbt serialises them (`to_dict`, read back by dbt's own `ParsedNode._deserialize`)
and the seeds' scratch database. Each entry is written whole in a staging folder, then
renamed into place; it is read back only when whole (the seeds' digest), and the seeds are
copied into the run's own scratch folder, so another run may prune the entry meanwhile.
An entry that cannot be read is compiled afresh, never an error, and replaced. Nothing of a
child's is in either file: compiled SQL and the public reference seeds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import uuid
from importlib.metadata import version
from pathlib import Path
from typing import Any

from dagster_project.transform.project import remove_all_but_newest

FOLDER = "compiled-ahead"
NODES = "nodes.json"
SEEDS = "seeds.duckdb"
# what an entry holds; a change to it changes every key, so old entries are never read
FORMAT = 1
# entries kept: a nightly run needs one (its LA's variables); tests and tools add theirs
KEEP = 4
# a staging folder this old was left by a process that died while writing it
STALE_SECONDS = 3600


def digest(data: bytes) -> str:
    """SHA-256 of some bytes: of the parse the worker read its manifest from (the key names
    that parse, not the file read again: `make setup` may parse again meanwhile), and of a
    kept seeds' database (read back only whole)."""
    return hashlib.sha256(data).hexdigest()


def entry(
    parsed: Path, parse: str, args: list[str], catalog: str, dbt_vars: dict[str, object]
) -> Path:
    """The folder a compile of `dbt build <args>` from the parse whose `digest` is `parse`
    (read from `parsed`: entries are kept beside it), for a warehouse named `catalog` with
    `dbt_vars`, is kept in."""
    versions = [version("dbt-core"), version("dbt-duckdb")]
    key = json.dumps([FORMAT, versions, parse, args, catalog, dbt_vars], sort_keys=True)
    return parsed.parent / FOLDER / hashlib.sha256(key.encode()).hexdigest()[:32]


def read(kept: Path, scratch: Path) -> list[Any] | None:
    """The compiled nodes kept in `kept`, their seeds' database copied to `scratch`; None
    (and nothing left at `scratch`) when no whole entry is there. An entry there but not
    whole (a damaged disk, a hand edit) is removed, so this run keeps its compile instead."""
    if not kept.is_dir():
        return None
    try:
        stored = json.loads((kept / NODES).read_text(encoding="utf-8"))
        if stored["seeds_sha256"] is not None:
            shutil.copyfile(kept / SEEDS, scratch)
            if digest(scratch.read_bytes()) != stored["seeds_sha256"]:
                raise ValueError("the kept seeds are not whole")
        from dbt.contracts.graph.nodes import ParsedNode

        nodes = [ParsedNode._deserialize(node) for node in stored["nodes"]]
        with contextlib.suppress(OSError):  # a target folder this user cannot write
            os.utime(kept)  # the most recently used is pruned last
        return nodes
    except Exception:  # anything not whole or not dbt's: compiled afresh
        scratch.unlink(missing_ok=True)
        shutil.rmtree(kept, ignore_errors=True)  # entries appear whole (renamed): not a writer's
        return None


def write(kept: Path, compiled: list[Any], seeds: Path | None) -> None:
    """Keep a compile's nodes and its seeds' database (closed by dbt) in `kept`, unless
    another run kept the same first; then prune the oldest entries."""
    if seeds is not None and seeds.with_name(seeds.name + ".wal").exists():
        return  # not checkpointed: a copy would not be the database
    staging = kept.parent / f".{kept.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        staging.mkdir(parents=True)
        seeds_digest = None
        if seeds is not None:
            shutil.copyfile(seeds, staging / SEEDS)
            seeds_digest = digest((staging / SEEDS).read_bytes())
        stored = {"seeds_sha256": seeds_digest, "nodes": [node.to_dict() for node in compiled]}
        (staging / NODES).write_text(json.dumps(stored), encoding="utf-8")
        os.rename(staging, kept)  # refused when the entry exists: another run kept it
    except OSError:
        pass  # kept or not, the run goes on with its own compile
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    prune(kept.parent)


def prune(folder: Path, keep: int = KEEP) -> None:
    """Remove all but the `keep` most recently used entries, and staging folders left by a
    process that died."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return
    now = time.time()
    for child in children:
        if child.name.startswith("."):
            with contextlib.suppress(OSError):  # pruned by another run meanwhile
                if now - child.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(child, ignore_errors=True)
    remove_all_but_newest((child for child in children if not child.name.startswith(".")), keep)
