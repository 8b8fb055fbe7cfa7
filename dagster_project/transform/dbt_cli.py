"""Run dbt outside Dagster (tests, `cla export-903`, tooling) against a given warehouse.

Inside a run, dagster-dbt invokes dbt; everywhere else this is the one way to call it, so
the warehouse, target folder and variables are set the same way every time.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from dagster_project.settings import DBT_PROJECT_DIR
from dagster_project.transform.project import dbt_executable, target_path


class DbtError(RuntimeError):
    """dbt exited non-zero; the message carries its output."""


def run_dbt(
    args: list[str],
    warehouse: Path | str,
    dbt_vars: dict[str, object] | None = None,
    check: bool = True,
    target: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """`dbt <args>` on `warehouse`; raise DbtError with dbt's output when `check` and it fails."""
    env = {
        **os.environ,
        "CLA_WAREHOUSE": str(warehouse),
        "DBT_TARGET_PATH": str(target or target_path()),
    }
    command = [
        dbt_executable(),
        *args,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
    ]
    if dbt_vars:
        command += ["--vars", json.dumps(dbt_vars)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise DbtError(f"dbt {' '.join(args)} failed:\n{result.stdout[-8000:]}\n{result.stderr}")
    return result
