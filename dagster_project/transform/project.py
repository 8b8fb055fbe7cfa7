"""The dbt project and its manifest.

dagster-dbt builds asset definitions from `manifest.json`, which a fresh clone does not
have, and the run's in-process dbt reads the parsed project (`partial_parse.msgpack`).
Both are made by `ensure_manifest()` (`dbt parse`) when missing or older than the
project's files, at explicit moments only: `make setup` and `make dagster`, the `cla`
commands before they load the definitions, the test session's start. Importing the
definitions never parses: it reads the manifest, and says how to make it when it is
missing or stale.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dagster_project.settings import DBT_PROJECT_DIR

if TYPE_CHECKING:  # imported when used: `cla run` checks the manifest before loading Dagster
    from dagster_dbt import DbtProject

PROJECT_FILES = ("models", "macros", "seeds", "tests", "dbt_project.yml", "profiles.yml")
# What `dbt parse` leaves that the definitions and the in-process dbt read.
PARSED_FILES = ("manifest.json", "partial_parse.msgpack")


def target_path() -> Path:
    """`DBT_TARGET_PATH` if set (parallel work), else `dbt/target`."""
    return Path(os.environ.get("DBT_TARGET_PATH", DBT_PROJECT_DIR / "target"))


def dbt_executable() -> str:
    """The `dbt` beside this interpreter, so an unactivated venv still works."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in PROJECT_FILES:
        path = DBT_PROJECT_DIR / name
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
        elif path.is_dir():
            for child in path.rglob("*"):
                if child.is_file():
                    newest = max(newest, child.stat().st_mtime)
    return newest


def ensure_manifest() -> Path:
    """Parse the dbt project when its manifest is missing or stale; return the manifest."""
    # partial_parse.msgpack is the parsed manifest the run's in-process dbt reads
    manifest, parsed = (target_path() / name for name in PARSED_FILES)
    newest = _newest_source_mtime()
    if (
        manifest.exists()
        and parsed.exists()
        and min(manifest.stat().st_mtime, parsed.stat().st_mtime) >= newest
    ):
        return manifest
    env = {**os.environ, "DBT_TARGET_PATH": str(target_path())}
    env.setdefault("CLA_WAREHOUSE", str(target_path() / "parse.duckdb"))
    result = subprocess.run(
        [
            dbt_executable(),
            "parse",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--quiet",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{result.stdout}\n{result.stderr}")
    # dbt rewrites partial_parse.msgpack only when a file's content changed: after a file
    # was touched (a checkout, an edit undone) it would stay older than the project, and
    # every run would call the parse stale. dbt has just checked it: it is current.
    for path in (manifest, parsed):
        os.utime(path)
    return manifest


class ManifestNotPrepared(RuntimeError):
    """The dbt project was not parsed since it last changed."""


def prepared_manifest() -> Path:
    """The manifest, when it is there and newer than the project's files."""
    manifest = target_path() / "manifest.json"
    parsed = target_path() / "partial_parse.msgpack"
    if not (manifest.exists() and parsed.exists()):
        raise ManifestNotPrepared(
            f"no dbt manifest in {target_path()}: run `make setup` "
            "(or `python -m dagster_project.transform.project`)"
        )
    if min(manifest.stat().st_mtime, parsed.stat().st_mtime) < _newest_source_mtime():
        raise ManifestNotPrepared(
            "the dbt project changed since it was parsed: run `make setup` "
            "(or `python -m dagster_project.transform.project`)"
        )
    return manifest


def dbt_project() -> DbtProject:
    from dagster_dbt import DbtProject

    prepared_manifest()
    return DbtProject(
        project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target_path=target_path()
    )


RUN_TARGET_PREFIX = "cla_dbt-"  # dagster-dbt: one target folder per run, named by the op


def prune_run_targets(keep: int = 5, root: Path | None = None) -> list[Path]:
    """Delete all but the `keep` newest per-run dbt target folders; return those deleted.

    dagster-dbt gives every run its own target folder (about 15 MB: manifest, compiled SQL,
    logs). The newest few are kept for an engineer to read a run's compiled SQL; without
    pruning a nightly schedule would add about 5 GB a year.
    """
    root = root or target_path()
    if not root.is_dir():
        return []
    runs = (p for p in root.iterdir() if p.is_dir() and p.name.startswith(RUN_TARGET_PREFIX))
    return remove_all_but_newest(runs, keep)


def remove_all_but_newest(folders: Iterable[Path], keep: int) -> list[Path]:
    """Delete all but the `keep` most recently modified of `folders`; return those deleted.
    A folder gone meanwhile is skipped, not an error: two runs of two warehouses share the
    dbt target folder, and each prunes it."""
    dated: list[tuple[float, Path]] = []
    for folder in folders:
        with contextlib.suppress(OSError):
            dated.append((folder.stat().st_mtime, folder))
    dated.sort(key=lambda item: item[0], reverse=True)
    removed = [folder for _, folder in dated[keep:]]
    for folder in removed:
        shutil.rmtree(folder, ignore_errors=True)
    return removed


if __name__ == "__main__":  # `make setup`: parse once, before any run needs the manifest
    print(ensure_manifest())
    # dagster-dbt's selection of each dbt step, recorded for this parse as the definitions
    # load (`dbt_selection`): a run's process then starts without dbt-core
    from dagster_project.transform import assets

    print(assets.SELECTION.record)
