"""The publication as one unit: marts, report and quality switch together, in one step.

Each run builds its whole publication in a folder of its own and switches one symbolic
link, so a reader (or a run killed at any moment) sees the whole of one run's publication,
never `cla_marts.duckdb` from one run and `report/` from another:

```
<publish_dir>/
  .staging/<run_id>/            this run's publication while it is being built
  .releases/<release_id>/       a finished publication: cla_marts.duckdb, report/, quality/,
                                release.json (which run built what)
  current -> .releases/<id>     the one switch: os.replace of a symlink is atomic
  cla_marts.duckdb -> current/cla_marts.duckdb      the paths analysts, the README and
  report -> current/report                          scripts use; created once, never
  quality -> current/quality                        changed again
```

A run the gate refused still publishes its quality findings (outputs.md: a refused run
writes `quality/` and leaves the database and report as the last good run left them): its
release holds its own `quality/` and *hard links* to the previous release's database and
report files, the same bytes (the same inodes), so the unit stays one switch and the figures
stay byte-identical. `release.json` says which run built the figures and which the findings.

Old releases are pruned (the newest `KEEP_RELEASES` and the current one stay). An analyst's
open connection keeps reading its release's file even after it is pruned (Linux keeps an
unlinked file alive while it is open).

Kill points (`CLA_TEST_KILL_AT=<name>`, tests only) let a test SIGKILL a real process at
each step of the switch and check what a reader then sees.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
from pathlib import Path
from typing import Any

from dagster_project import permissions
from dagster_project.publication.swap import exchange, fsync_path

STAGING = ".staging"
RELEASES = ".releases"
CURRENT = "current"
MANIFEST = "release.json"
DATABASE = "cla_marts.duckdb"
REPORT = "report"
QUALITY = "quality"
DBT_DOCS = "dbt_docs"  # dbt's static docs site, beside the database it describes
STABLE = (DATABASE, REPORT, QUALITY, DBT_DOCS)
KEEP_RELEASES = 3
LEGACY_LEFTOVERS = (".cla_marts.*.tmp*", ".report.*.tmp", ".report.previous")
KILL_ENV = "CLA_TEST_KILL_AT"


def kill_point(name: str) -> None:
    """Test hook: die here, as a power cut or `kill -9` would, when the test asks."""
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def staging_dir(publish_dir: Path | str, run_id: str) -> Path:
    """Where this run builds its publication (its quality/ too)."""
    return Path(publish_dir) / STAGING / run_id


def _symlink(target: Path, link: Path) -> None:
    """A relative symbolic link; a clear error where the filesystem has none."""
    try:
        os.symlink(target, link)
    except OSError as exc:
        raise OSError(
            exc.errno,
            f"cannot create a symbolic link in {link.parent} ({exc.strerror}): the publication "
            "folder must be on a filesystem with symbolic links (a local disk shared by "
            "Samba, NFS); see docs/publication.md",
        ) from None


def _private_dirs(publish_dir: Path, group: str | None) -> None:
    publish_dir.mkdir(parents=True, exist_ok=True, mode=permissions.PRIVATE_DIR)
    for name in (STAGING, RELEASES):
        (publish_dir / name).mkdir(exist_ok=True, mode=permissions.PRIVATE_DIR)
    _, dir_mode = permissions.modes(group)
    gid = permissions.group_id(group)
    for folder in (publish_dir, publish_dir / RELEASES):
        if gid is not None:
            os.chown(folder, -1, gid)
        os.chmod(folder, dir_mode)
    os.chmod(publish_dir / STAGING, permissions.PRIVATE_DIR)


def prepare_staging(publish_dir: Path | str, run_id: str, group: str | None = None) -> Path:
    """An empty staging folder for `run_id`; leftovers of runs that died are removed.

    Only called under the publication folder's run lock (`runlock`): no other run is
    building here, so whatever else is in `.staging/` belongs to a run that is gone.
    """
    publish_dir = Path(publish_dir)
    _private_dirs(publish_dir, group)
    for leftover in (publish_dir / STAGING).iterdir():
        if leftover.name != run_id:
            remove(leftover)
    for pattern in LEGACY_LEFTOVERS:
        for leftover in publish_dir.glob(pattern):
            remove(leftover)
    folder = staging_dir(publish_dir, run_id)
    folder.mkdir(exist_ok=True, mode=permissions.PRIVATE_DIR)
    return folder


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def current_release(publish_dir: Path | str) -> Path | None:
    link = Path(publish_dir) / CURRENT
    if not link.is_symlink():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def read_manifest(release: Path | None) -> dict[str, Any] | None:
    if release is None:
        return None
    try:
        return json.loads((release / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def current_manifest(publish_dir: Path | str) -> dict[str, Any] | None:
    """What the current publication says about itself (None before the first one)."""
    return read_manifest(current_release(publish_dir))


def committed(publish_dir: Path | str, run_id: str) -> bool:
    """Did `run_id` already switch the publication (published, or refused with findings)?"""
    manifest = current_manifest(publish_dir)
    return bool(manifest and manifest.get("run_id") == run_id)


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if not path.is_symlink():
            fsync_path(path)
    fsync_path(folder)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of `source` into `target` (same bytes, same inodes)."""
    if source.is_dir():
        target.mkdir(exist_ok=True, mode=permissions.PRIVATE_DIR)
        for child in sorted(source.iterdir()):
            _link_tree(child, target / child.name)
    elif source.is_file():
        try:
            os.link(source, target)
        except OSError:  # a filesystem without hard links: the same bytes, copied
            shutil.copy2(source, target)


def _release_id(run_id: str) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    return f"{stamp}-{run_id}"


def commit(
    publish_dir: Path | str,
    run_id: str,
    status: str,
    figures: dict[str, Any] | None = None,
    group: str | None = None,
    keep: int = KEEP_RELEASES,
) -> Path:
    """Turn `run_id`'s staging folder into the current publication, in one atomic switch.

    `status` is `published` (staging holds a new database and report) or `refused` (it
    holds only quality/: the previous release's database and report are linked in and
    its `figures` carried over). Returns the release folder.
    """
    publish_dir = Path(publish_dir)
    _private_dirs(publish_dir, group)
    # first, a folder from before releases becomes one (same bytes throughout)
    ensure_stable_paths(publish_dir, group)
    kill_point("stable_paths")

    staged = staging_dir(publish_dir, run_id)
    staged.mkdir(exist_ok=True, mode=permissions.PRIVATE_DIR)
    previous = current_release(publish_dir)
    previous_manifest = read_manifest(previous) or {}
    if status == "refused":
        # never a half-built database or report of this run: the previous ones, linked
        for name in (DATABASE, f"{DATABASE}.wal", REPORT, DBT_DOCS):
            remove(staged / name)
            if previous is not None and (previous / name).exists():
                _link_tree(previous / name, staged / name)
        figures = previous_manifest.get("figures")
    manifest = {
        "run_id": run_id,
        "status": status,
        "committed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "figures": figures,  # the run whose database and report these are, and its extent
        "quality_run_id": run_id if (staged / QUALITY).is_dir() else None,
        "previous_release": previous.name if previous else None,
    }
    (staged / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    permissions.apply(staged, group)
    _fsync_tree(staged)
    kill_point("staged")

    release = publish_dir / RELEASES / _release_id(run_id)
    os.replace(staged, release)
    fsync_path(release.parent)
    fsync_path(staged.parent)
    kill_point("renamed")

    link = publish_dir / f".{CURRENT}.{run_id}.tmp"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    _symlink(Path(RELEASES) / release.name, link)
    os.replace(link, publish_dir / CURRENT)
    fsync_path(publish_dir)
    kill_point("switched")

    prune(publish_dir, keep)
    kill_point("pruned")
    return release


def ensure_stable_paths(publish_dir: Path, group: str | None = None) -> None:
    """`cla_marts.duckdb`, `report`, `quality` as links into `current` (once).

    A publication folder from before releases existed holds them as a real file and
    folders: they first become a release of their own (hard links, same bytes) that
    `current` points to, then each is exchanged for its link in one atomic step, so a
    reader sees the same content at every moment of the change.
    """
    legacy = [
        name
        for name in STABLE
        if (publish_dir / name).exists() and not (publish_dir / name).is_symlink()
    ]
    if legacy:
        if current_release(publish_dir) is None:
            release = publish_dir / RELEASES / _release_id("before-releases")
            staged = publish_dir / STAGING / release.name
            remove(staged)
            staged.mkdir(mode=permissions.PRIVATE_DIR)
            for name in legacy:
                _link_tree(publish_dir / name, staged / name)
            remove(staged / QUALITY / "data_docs")  # GX Data Docs showed raw values
            manifest = {"run_id": None, "status": "published", "figures": None}
            (staged / MANIFEST).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
            permissions.apply(staged, group)
            _fsync_tree(staged)
            os.replace(staged, release)
            link = publish_dir / f".{CURRENT}.legacy.tmp"
            with contextlib.suppress(FileNotFoundError):
                link.unlink()
            _symlink(Path(RELEASES) / release.name, link)
            os.replace(link, publish_dir / CURRENT)
            fsync_path(publish_dir)
            kill_point("legacy_release")
        for name in legacy:
            _link_into_current(publish_dir, name)
            kill_point(f"legacy_{name}")
    for name in STABLE:
        path = publish_dir / name
        if not path.is_symlink() and not path.exists():
            _link_into_current(publish_dir, name)


def _link_into_current(publish_dir: Path, name: str) -> None:
    path = publish_dir / name
    tmp = publish_dir / f".{name}.link.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    _symlink(Path(CURRENT) / name, tmp)
    if path.is_dir() and not path.is_symlink():
        if exchange(tmp, path):
            shutil.rmtree(tmp)  # `tmp` now names the old folder
        else:  # no atomic exchange on this filesystem: a brief moment without the folder
            aside = publish_dir / f".{name}.previous"
            remove(aside)
            os.replace(path, aside)
            os.replace(tmp, path)
            shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(tmp, path)
    fsync_path(publish_dir)


def prune(publish_dir: Path | str, keep: int = KEEP_RELEASES) -> list[Path]:
    """Delete all but the newest `keep` releases; never the current one."""
    root = Path(publish_dir) / RELEASES
    current = current_release(publish_dir)
    releases = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.name)
    removed = [p for p in releases[: max(len(releases) - keep, 0)] if p != current]
    for release in removed:
        shutil.rmtree(release, ignore_errors=True)
    return removed
