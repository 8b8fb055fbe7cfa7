"""Run dbt outside Dagster (tests, reference checks, tooling) against a given warehouse.

Inside a run, `transform/assets.py` builds in process; everywhere else this is the one way
to call dbt, so the warehouse, target folder and variables are set the same way every time.
It runs in this process too, on the manifest `make setup` prepared (`dbt_build.invoke`):
a dbt subprocess with a target folder of its own parsed the whole project every time
(about 10 s a call, most of the dbt time of the test suite).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from dagster_project.transform.dbt_build import THREADS, invoke
from dagster_project.transform.project import prepared_manifest, target_path


class DbtError(RuntimeError):
    """dbt exited non-zero; the message carries its output."""


def run_dbt(
    args: list[str],
    warehouse: Path | str,
    dbt_vars: dict[str, object] | None = None,
    check: bool = True,
    target: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """`dbt <args>` on `warehouse`, as a finished process would report it (returncode, and
    dbt's lines as stdout); raise DbtError with those lines when `check` and it fails."""
    prepared_manifest()  # a changed project is parsed by `make setup`, never run stale
    success, output = invoke(
        args, Path(warehouse), target or target_path(), dbt_vars or {}, THREADS
    )
    result = subprocess.CompletedProcess(["dbt", *args], 0 if success else 1, output, "")
    if check and not success:
        raise DbtError(f"dbt {' '.join(args)} failed:\n{output[-8000:]}")
    return result
