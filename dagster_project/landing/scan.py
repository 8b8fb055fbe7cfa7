"""Find the files of a landing folder, by the layout each source uses.

- mosaic: one folder per extract run (`mosaic/<extract>/persons.csv`), or the extract
  folder itself; the batch is the extract folder's name.
- ssda903: one folder per collection year (`ssda903/2024/episodes.csv`); the batch is the
  year of the return's 31 March.
- dfe: one subfolder or zip per release (`dfe/<release>/.../*.csv`, `dfe/<release>.zip`),
  reference files (statistical neighbours, population) at the top; the batch is the
  release's folder or zip name, blank for top-level files.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

YEAR_FOLDER = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class FoundFile:
    """A file to land. `problem` is set when it sits where it cannot be placed."""

    batch: str
    relative_path: str  # the file's identity in the landing area (`_source_file`)
    name: str
    opener: Callable[[], BinaryIO]
    problem: str | None = None


def _file_opener(path: Path) -> Callable[[], BinaryIO]:
    return lambda: path.open("rb")


def _zip_opener(path: Path, member: str) -> Callable[[], BinaryIO]:
    def open_member() -> BinaryIO:
        archive = zipfile.ZipFile(path)
        handle = archive.open(member)
        original_close = handle.close

        def close() -> None:
            original_close()
            archive.close()

        handle.close = close  # type: ignore[method-assign]
        return handle  # type: ignore[return-value]

    return open_member


def _csvs(folder: Path, recursive: bool) -> list[Path]:
    pattern = "**/*" if recursive else "*"
    return sorted(p for p in folder.glob(pattern) if p.is_file() and p.suffix.lower() == ".csv")


def _folder_files(root: Path, folder: Path, batch: str, recursive: bool) -> list[FoundFile]:
    return [
        FoundFile(
            batch=batch,
            relative_path=p.relative_to(root).as_posix(),
            name=p.name,
            opener=_file_opener(p),
        )
        for p in _csvs(folder, recursive)
    ]


def _zip_files(root: Path, path: Path) -> list[FoundFile]:
    found: list[FoundFile] = []
    batch = path.stem
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        return [
            FoundFile(
                batch=batch,
                relative_path=path.relative_to(root).as_posix(),
                name=path.name,
                opener=_file_opener(path),
                problem=f"unreadable zip: {exc}",
            )
        ]
    for member in members:
        base = member.rsplit("/", 1)[-1]
        if member.startswith("__MACOSX/") or base.startswith("._") or not base:
            continue
        if base.lower().endswith(".csv"):
            found.append(
                FoundFile(
                    batch=batch,
                    relative_path=f"{path.relative_to(root).as_posix()}/{member}",
                    name=base,
                    opener=_zip_opener(path, member),
                )
            )
    return found


def scan(source: str, root: Path) -> list[FoundFile]:
    """Every CSV under `root` for `source`, in a stable order."""
    root = Path(root)
    if not root.is_dir():
        return []
    if source == "mosaic":
        if _csvs(root, recursive=False):
            # The folder given is itself an extract: identities are relative to its parent
            # so the extract name stays part of `_source_file`.
            return _folder_files(root.parent, root, root.name, recursive=False)
        found: list[FoundFile] = []
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            found.extend(_folder_files(root, folder, folder.name, recursive=False))
        return found
    if source == "ssda903":
        if YEAR_FOLDER.match(root.name) and _csvs(root, recursive=False):
            return _folder_files(root.parent, root, root.name, recursive=False)
        found = []
        for path in _csvs(root, recursive=False):
            found.append(
                FoundFile(
                    batch="",
                    relative_path=path.relative_to(root).as_posix(),
                    name=path.name,
                    opener=_file_opener(path),
                    problem="not in a collection-year folder (e.g. ssda903/2024/ for 2023-24)",
                )
            )
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            files = _folder_files(root, folder, folder.name, recursive=False)
            if not YEAR_FOLDER.match(folder.name):
                files = [
                    FoundFile(
                        f.batch,
                        f.relative_path,
                        f.name,
                        f.opener,
                        problem=f"folder {folder.name!r} is not a collection year (YYYY)",
                    )
                    for f in files
                ]
            found.extend(files)
        return found
    if source == "dfe":
        found = _folder_files(root, root, "", recursive=False)
        for path in sorted(root.iterdir()):
            if path.is_dir():
                found.extend(_folder_files(root, path, path.name, recursive=True))
            elif path.suffix.lower() == ".zip":
                found.extend(_zip_files(root, path))
        return found
    raise ValueError(f"unknown source {source!r}")
