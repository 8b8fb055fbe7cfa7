"""The demo local authority for `cla demo`: Harrow-sized, written into the landing area.

Harrow had about 176 children looked after on 31 March 2025 and about 107 starts a year.
1,100 children whose care starts spread over 16 years give a stock of that order in each
of the last five years (docs/synthetic.md) and take a few seconds to generate.

The landing area may be a council's real share: the demo only ever replaces folders it
wrote itself (marked with `.synthetic`) and refuses to touch anything else.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from dagster_project.synthetic.dfe_cin_release import write_synthetic_cin_release
from dagster_project.synthetic.dfe_release import write_synthetic_release
from dagster_project.synthetic.generator import DEFAULT_AS_AT, MARKER, generate

DEMO_CHILDREN = 1100
DEMO_YEARS = 16
# Subfolders of the landing area the demo writes (dfe: the synthetic DfE comparator releases,
# dfe/synthetic_dfe_release_<year>/ and dfe/synthetic_dfe_cin_release_<year>/, so the demo
# has comparators without a network; cin: the CIN census returns, cin/<YYYY>/).
DEMO_FOLDERS = ("mosaic", "ssda903", "cin", "dfe")


class UnmarkedDataError(RuntimeError):
    """The landing area holds data the demo did not write: it may be real."""


def _unmarked(folder: Path) -> list[Path]:
    """Files under `folder` that are not inside a folder carrying the synthetic marker."""
    if not folder.exists():
        return []
    marked = {m.parent for m in folder.rglob(MARKER)}
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not any(parent in marked for parent in path.parents):
            found.append(path)
    return found


def check_landing(landing_dir: Path, folders: tuple[str, ...] = DEMO_FOLDERS) -> None:
    """Raise UnmarkedDataError if any demo folder holds files the demo did not write."""
    for name in folders:
        unmarked = _unmarked(landing_dir / name)
        if unmarked:
            raise UnmarkedDataError(
                f"cla demo: {landing_dir / name} holds files not written by the demo "
                f"(e.g. {unmarked[0]}); they may be real data, so nothing was changed. "
                "Point CLA_HOME at an empty folder, or move them away."
            )


def _clear(folder: Path) -> None:
    """Remove a previous demo's marked folders (checked by `check_landing` first)."""
    if not folder.exists():
        return
    for marker in sorted(folder.rglob(MARKER), key=lambda m: len(m.parts)):
        if marker.parent.exists():
            shutil.rmtree(marker.parent)


def build_demo_landing(landing_dir: Path, seed: int) -> Path:
    """Write the demo LA into `landing_dir` (mosaic/<as_at>/, ssda903/<YYYY>/, cin/<YYYY>/,
    dfe/); return it."""
    landing_dir = Path(landing_dir)
    check_landing(landing_dir)
    for name in DEMO_FOLDERS:
        _clear(landing_dir / name)
    generate(landing_dir, DEMO_CHILDREN, DEMO_YEARS, seed, source="both", as_at=DEFAULT_AS_AT)
    write_synthetic_release(landing_dir / "dfe", seed=seed)
    write_synthetic_cin_release(landing_dir / "dfe", seed=seed)
    return landing_dir
