"""A whole `cla run` opens no network connection: not a DNS lookup, not one from C code
(DuckDB fetching an extension), not one from a tool's telemetry.

Watched by the kernel, not by Python: the run goes under `strace`, which records every
`connect()` of the process and its threads and children, whatever opens it. With dbt's
usage statistics on (as they were until 3 December), the same run made seven DNS lookups
for dbt Labs' collector. The environment is the one cron gives: no `DO_NOT_TRACK` and no
other opt-out variable.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dagster_project.synthetic.generator import generate

STRACE = ["strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect"]


def _strace_problem() -> str | None:
    """Why this machine cannot trace a process (no strace, or ptrace not permitted, as in
    some containers), or None."""
    if shutil.which("strace") is None:
        return "strace is not installed"
    done = subprocess.run([*STRACE, "true"], capture_output=True, text=True, check=False)
    return None if done.returncode == 0 else f"strace cannot trace here: {done.stderr[-200:]}"


CANNOT_TRACE = _strace_problem()
FAKE_RETURN = Path(__file__).parent / "quality" / "fixtures" / "validator_fake_903"

OPT_OUTS = ("DO_NOT_TRACK", "DBT_SEND_ANONYMOUS_USAGE_STATS", "GX_ANALYTICS_ENABLED")
# a connect() to anything but a local (Unix) socket, as strace prints it
NETWORK = re.compile(r"connect\(\d+, \{sa_family=AF_INET6?\b")


@pytest.mark.slow
@pytest.mark.skipif(CANNOT_TRACE is not None, reason=str(CANNOT_TRACE))
def test_a_whole_run_opens_no_network_connection(tmp_path: Path) -> None:
    generate(tmp_path / "landing", children=40, years=3, seed=21, source="mosaic", workers=1)
    env = {k: v for k, v in os.environ.items() if k not in OPT_OUTS}
    env["DAGSTER_HOME"] = str(tmp_path / "dagster_home")
    trace = tmp_path / "connects.txt"
    done = subprocess.run(
        [*STRACE, "-o", str(trace),
         sys.executable, "-m", "dagster_project.cli", "run",
         "--input", str(tmp_path / "landing" / "mosaic"), "--source", "mosaic",
         "--output", str(tmp_path / "publish"),
         "--warehouse", str(tmp_path / "warehouse" / "cla.duckdb")],
        env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "publish" / "cla_marts.duckdb").exists()
    calls = trace.read_text().splitlines()
    assert not [line for line in calls if NETWORK.search(line)]


@pytest.mark.skipif(CANNOT_TRACE is not None, reason=str(CANNOT_TRACE))
def test_cla_validate_opens_no_network_connection(tmp_path: Path) -> None:
    """On the public validator's fake return (its postcodes come from the installed
    package's directory, or the cache made from it)."""
    env = {k: v for k, v in os.environ.items() if k not in OPT_OUTS}
    trace = tmp_path / "connects.txt"
    done = subprocess.run(
        [*STRACE, "-o", str(trace), sys.executable, "-m", "dagster_project.cli", "validate",
         "--input", str(FAKE_RETURN), "--year", "2025", "--la", "E09000015",
         "--output", str(tmp_path / "out")],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-3000:]  # the fake return has findings
    assert (tmp_path / "out" / "findings.csv").exists()
    assert not [line for line in trace.read_text().splitlines() if NETWORK.search(line)]
