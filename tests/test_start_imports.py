"""What a run's process imports before its run starts (docs/benchmarks.md, fifteenth
session): not pandas, numpy, openpyxl nor Great Expectations, which its steps load when
their work begins (the gate's and report's modules on a thread while dbt builds,
`run_processes.load_while_dbt_builds`). Each import here costs every run's start."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from dagster_project.settings import REPO_ROOT

HEAVY = ("pandas", "numpy", "openpyxl", "pyarrow", "great_expectations")

LOADED = textwrap.dedent(
    """
    import json, sys
    import dagster_project.cli, dagster_project.definitions, dagster_project.runner
    print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
    """
)

LOADS_AHEAD = textwrap.dedent(
    """
    import json, sys
    from dagster_project import run_processes, warmup
    run_processes.load_while_dbt_builds()
    warmup.begin()
    warmup.ready("rules")
    print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
    """
)


def _top_modules(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_definitions_load_without_pandas_numpy_openpyxl_or_gx() -> None:
    assert _top_modules(LOADED) & set(HEAVY) == set()


def test_what_the_definitions_leave_out_loads_while_dbt_builds() -> None:
    """The thread started at dbt's first build loads what the steps after it import."""
    assert {"pandas", "numpy", "openpyxl"} <= _top_modules(LOADS_AHEAD)
