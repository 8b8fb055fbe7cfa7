"""Find the files of a landing folder, by the layout each source uses.

- mosaic: one folder per extract run (`mosaic/<extract>/persons.csv`), or the extract
  folder itself; the batch is the extract folder's name.
- ssda903: one folder per collection year (`ssda903/2024/episodes.csv`); the batch is the
  year of the return's 31 March.
- cin: one folder per census year (`cin/2025/CIN_Census_2025.xml`), XML files; the batch is
  the year of the census's 31 March (landed by `cin_census.py`, not as CSV).
- dfe: one subfolder or zip per release (`dfe/<release>/.../*.csv`, `dfe/<release>.zip`),
  reference files (statistical neighbours, population) at the top; the batch is the
  release's folder or zip name, blank for top-level files.

Only files inside the input folder are ever read. A symbolic link is followed only when
its target is inside the input folder too; one pointing outside (`persons.csv ->
/etc/passwd`, a folder linked from elsewhere) is reported with a structural problem and
never opened. Files are opened with `O_NOFOLLOW` on their resolved path, so a file swapped
for a link after the scan is refused rather than followed. Devices, pipes and sockets
named `*.csv` are skipped (they are not regular files).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

YEAR_FOLDER = re.compile(r"^\d{4}$")
OUTSIDE = "symbolic link to a place outside the input folder: not read"


@dataclass(frozen=True)
class FoundFile:
    """A file to land. `problem` is set when it sits where it cannot be placed.

    `structural` problems refuse the run (a file that cannot be trusted to be what the
    folder holds: a link outside the input folder, an archive that cannot be read).
    """

    batch: str
    relative_path: str  # the file's identity in the landing area (`_source_file`)
    name: str
    opener: Callable[[], BinaryIO]
    problem: str | None = None
    structural: bool = False


def _file_opener(path: Path) -> Callable[[], BinaryIO]:
    def open_file() -> BinaryIO:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        return os.fdopen(fd, "rb")

    return open_file


def _zip_opener(path: Path, member: str) -> Callable[[], BinaryIO]:
    def open_member() -> BinaryIO:
        archive = zipfile.ZipFile(_file_opener(path)())
        try:
            handle = archive.open(member)
        except BaseException:
            archive.close()
            raise
        original_close = handle.close

        def close() -> None:
            original_close()
            archive.close()

        handle.close = close  # type: ignore[method-assign]
        return handle  # type: ignore[return-value]

    return open_member


class _Walker:
    """Lists entries of folders under one input root, never leaving it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def inside(self, path: Path) -> Path | None:
        """The resolved path when it lies inside the root, else None."""
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        return real if real == self.root or self.root in real.parents else None

    def entries(self, folder: Path) -> list[tuple[Path, Path | None, bool]]:
        """(path as listed, resolved path or None when outside, is a folder), sorted."""
        found = []
        for path in sorted(folder.iterdir()):
            real = self.inside(path)
            if real is None:
                found.append((path, None, path.is_dir()))
                continue
            mode = real.stat().st_mode
            if stat.S_ISDIR(mode):
                found.append((path, real, True))
            elif stat.S_ISREG(mode):
                found.append((path, real, False))
        return found


def _outside(base: Path, path: Path, batch: str) -> FoundFile:
    return FoundFile(
        batch=batch,
        relative_path=path.relative_to(base).as_posix(),
        name=path.name,
        opener=_file_opener(path),
        problem=OUTSIDE,
        structural=True,
    )


def _is_data(path: Path, suffixes: tuple[str, ...] = (".csv",)) -> bool:
    return path.suffix.lower() in suffixes


def _folder_files(
    walker: _Walker,
    base: Path,
    folder: Path,
    batch: str,
    recursive: bool,
    suffixes: tuple[str, ...] = (".csv",),
) -> list[FoundFile]:
    found: list[FoundFile] = []
    for path, real, is_dir in walker.entries(folder):
        if real is None:
            if is_dir or _is_data(path, suffixes):
                found.append(_outside(base, path, batch))
            continue
        if is_dir:
            if recursive and not path.is_symlink():
                found.extend(_folder_files(walker, base, path, batch, recursive, suffixes))
            continue
        if _is_data(path, suffixes):
            found.append(
                FoundFile(
                    batch=batch,
                    relative_path=path.relative_to(base).as_posix(),
                    name=path.name,
                    opener=_file_opener(real),
                )
            )
    return found


def _zip_files(base: Path, path: Path, real: Path) -> list[FoundFile]:
    found: list[FoundFile] = []
    batch = path.stem
    relative = path.relative_to(base).as_posix()
    try:
        with zipfile.ZipFile(_file_opener(real)()) as archive:
            members = sorted(archive.namelist())
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        reason = type(exc).__name__ if not isinstance(exc, OSError) else exc.strerror
        bad, members = f"unreadable zip archive ({reason})", []
    else:
        if bad is not None:
            bad = f"corrupt zip archive: member {bad!r} fails its CRC check"
    if bad is not None:
        return [
            FoundFile(
                batch=batch,
                relative_path=relative,
                name=path.name,
                opener=_file_opener(real),
                problem=bad,
                structural=True,
            )
        ]
    for member in members:
        base_name = member.rsplit("/", 1)[-1]
        if member.startswith("__MACOSX/") or base_name.startswith("._") or not base_name:
            continue
        if base_name.lower().endswith(".csv"):
            found.append(
                FoundFile(
                    batch=batch,
                    relative_path=f"{relative}/{member}",
                    name=base_name,
                    opener=_zip_opener(real, member),
                )
            )
    return found


def _has_data(walker: _Walker, folder: Path, suffixes: tuple[str, ...] = (".csv",)) -> bool:
    return any(not d and _is_data(p, suffixes) for p, _, d in walker.entries(folder))


def _year_files(
    walker: _Walker, root: Path, suffixes: tuple[str, ...], what: str, example: str
) -> list[FoundFile]:
    """Files by year folder (the 903 return, the CIN census); files elsewhere are problems.

    `root` is either the folder of year folders or one year folder itself. Links out of
    the input folder are structural problems, as for every source.
    """
    if YEAR_FOLDER.match(root.name) and _has_data(walker, root, suffixes):
        return _folder_files(walker, root.parent, root, root.name, False, suffixes)
    found: list[FoundFile] = []
    for path, real, is_dir in walker.entries(root):
        if real is None:
            if is_dir or _is_data(path, suffixes):
                found.append(_outside(root, path, path.name if is_dir else ""))
        elif not is_dir and _is_data(path, suffixes):
            found.append(
                FoundFile(
                    batch="",
                    relative_path=path.relative_to(root).as_posix(),
                    name=path.name,
                    opener=_file_opener(real),
                    problem=f"not in a {what.replace(' ', '-')} folder (e.g. {example})",
                )
            )
    for path, real, is_dir in walker.entries(root):
        if real is None or not is_dir:
            continue
        files = _folder_files(walker, root, path, path.name, False, suffixes)
        if not YEAR_FOLDER.match(path.name):
            files = [
                FoundFile(
                    f.batch,
                    f.relative_path,
                    f.name,
                    f.opener,
                    problem=f.problem or f"folder {path.name!r} is not a {what} (YYYY)",
                    structural=f.structural,
                )
                for f in files
            ]
        found.extend(files)
    return found


def scan(source: str, root: Path) -> list[FoundFile]:
    """Every data file under `root` for `source` (XML for the CIN census), in a stable order."""
    # names and identities follow the folder as given (a link named for its year, as
    # `cla validate` makes, stays that year); containment is checked on its resolved path
    root = Path(root).absolute()
    if not root.is_dir():
        return []
    walker = _Walker(root)
    if source == "mosaic":
        if _has_data(walker, root):
            # The folder given is itself an extract: identities are relative to its parent
            # so the extract name stays part of `_source_file`.
            return _folder_files(walker, root.parent, root, root.name, recursive=False)
        found: list[FoundFile] = []
        for path, real, is_dir in walker.entries(root):
            if real is None and is_dir:
                found.append(_outside(root, path, path.name))
            elif real is not None and is_dir:
                found.extend(_folder_files(walker, root, path, path.name, recursive=False))
        return found
    if source == "ssda903":
        return _year_files(walker, root, (".csv",), "collection year", "ssda903/2024/ for 2023-24")
    if source == "cin":
        return _year_files(walker, root, (".xml",), "census year", "cin/2025/ for 2024-25")
    if source == "dfe":
        found = []
        for path, real, is_dir in walker.entries(root):
            if real is None:
                if is_dir or _is_data(path, (".csv", ".zip")):
                    found.append(_outside(root, path, path.stem))
            elif is_dir:
                found.extend(_folder_files(walker, root, path, path.name, recursive=True))
            elif _is_data(path):
                found.append(
                    FoundFile(
                        batch="",
                        relative_path=path.relative_to(root).as_posix(),
                        name=path.name,
                        opener=_file_opener(real),
                    )
                )
            elif _is_data(path, (".zip",)):
                found.extend(_zip_files(root, path, real))
        return found
    raise ValueError(f"unknown source {source!r}")
