"""What `cla` shows a person: the version, and a failed run in a few lines (the details,
tracebacks included, in the run log)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dagster_project.version import git_commit, package_version

from .test_alerts import BAD_PERSONS, write_extract

CLA = str(Path(sys.executable).with_name("cla"))


def test_version_names_the_package_and_the_commit() -> None:
    result = subprocess.run([CLA, "--version"], capture_output=True, text=True, check=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
        check=True,
    ).stdout.strip()
    assert package_version() == "0.1.0"
    assert git_commit() in (commit, f"{commit}-dirty")
    assert result.stdout.strip() == f"cla-pipeline 0.1.0 (commit {git_commit()})"


@pytest.mark.slow
def test_a_failed_run_is_a_few_lines_and_the_traceback_is_in_the_run_log(tmp_path: Path) -> None:
    mosaic = write_extract(tmp_path / "landing", BAD_PERSONS)
    env = {**os.environ, "CLA_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [CLA, "run", "--input", str(mosaic), "--source", "mosaic"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) <= 10, result.stdout
    assert "Traceback" not in result.stdout and "Stack Trace" not in result.stdout
    assert re.match(
        r"\d\d:\d\d:\d\d landing +\.\.\. FAILED after \S+: mosaic/persons:files_accepted$",
        lines[1],
    ), result.stdout
    assert lines[2] == "not run: dbt, quality, publication (an earlier stage failed)"
    assert (
        "  blocking check failed: mosaic/persons:files_accepted 2026-11-30/persons.csv: "
        "missing required column(s) DATE_OF_BIRTH" in result.stdout
    )
    assert "not found" not in result.stdout  # the file was found, and rejected
    log = Path(lines[-1].removeprefix("  run log: "))
    text = log.read_text()
    assert "DagsterAssetCheckFailedError" in text and "Stack Trace:" in text
    assert " - land_mosaic - STEP_FAILURE - " in text
    assert "\x1b[" not in text
