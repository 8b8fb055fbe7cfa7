"""Mosaic extract folders: which one is newest, how old it is, and what it holds.

One definition shared by the new-extract sensor (has this extract been run?), the freshness
check (has the export stopped arriving?) and the run tags that record which extract a run
landed. The newest extract is the one the marts are built from: the latest by the date in
its folder's name, as landing and staging choose it (`landing/extent.py`; `31-03-2026` is
later than `31-12-2025`, names are never compared as text), or the folder given, when it is
itself an extract.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from dagster_project.landing.extent import parse_extract_date

# Run tags: which extract a run landed, so the sensor never runs the same content twice.
EXTRACT_TAG = "cla/mosaic_extract"
FINGERPRINT_TAG = "cla/mosaic_fingerprint"


def _csvs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")


def latest_extract(root: Path | None) -> Path | None:
    """The extract folder a run on `root` builds the marts from, or None."""
    if root is None or not root.is_dir():
        return None
    if _csvs(root):
        return root
    folders = [p for p in root.iterdir() if p.is_dir() and _csvs(p)]
    return max(folders, key=lambda p: by_date(p.name)) if folders else None


def by_date(name: str) -> tuple[dt.date, str]:
    """Sort key of an extract folder: the date in its name (undated first), then the name."""
    return (parse_extract_date(name) or dt.date.min, name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint(folder: Path) -> str:
    """SHA-256 over the names and contents of the folder's CSV files: the same extract copied
    elsewhere or renamed keeps it; any changed byte changes it."""
    digest = hashlib.sha256()
    for path in _csvs(folder):
        digest.update(f"{path.name.lower()}\t{_sha256(path)}\n".encode())
    return digest.hexdigest()


def stat_signature(folder: Path) -> str:
    """Names, sizes and modification times: cheap, to avoid re-hashing an unchanged folder."""
    parts = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in _csvs(folder)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class ExtractAge:
    folder: Path
    newest_file_time: float  # epoch seconds: when the export last wrote a file of it

    @property
    def age_days(self) -> float:
        return max(0.0, (time.time() - self.newest_file_time) / 86400)


def extract_age(folder: Path) -> ExtractAge:
    """How long ago the export wrote the extract (its newest file's modification time)."""
    files = _csvs(folder)
    newest = max((p.stat().st_mtime for p in files), default=folder.stat().st_mtime)
    return ExtractAge(folder=folder, newest_file_time=newest)
