"""Which pipeline built something: the package version and, from a git checkout, the commit.

Printed by `cla --version` and recorded in `publication_info`, so a figure in the analysts'
database can be traced to the code that computed it.
"""

from __future__ import annotations

import subprocess
from functools import cache
from importlib import metadata

from dagster_project.settings import REPO_ROOT

PACKAGE = "cla-pipeline"


def package_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:  # running from a tree that was never installed
        return "unknown"


def _git(*args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(REPO_ROOT), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


@cache
def git_commit() -> str | None:
    """Short commit of the checkout the code runs from, `-dirty` when tracked files changed;
    None outside a git checkout (e.g. an installed wheel)."""
    commit = _git("rev-parse", "--short=12", "HEAD")
    if not commit:
        return None
    changed = _git("status", "--porcelain", "--untracked-files=no")
    return f"{commit}-dirty" if changed else commit


def version_text() -> str:
    commit = git_commit()
    return f"{PACKAGE} {package_version()}" + (f" (commit {commit})" if commit else "")
