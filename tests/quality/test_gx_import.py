"""Great Expectations is imported without `scipy.stats` (`quality/gx_import.py`), and
`scipy.stats` still loads in full when something uses it. In a fresh interpreter: the
test session itself may have imported either already."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import math, sys
from dagster_project.quality.gx_import import great_expectations
gx = great_expectations()
assert hasattr(gx, "get_context")
print("loaded after import:", "scipy.stats._stats_py" in sys.modules)
from scipy import stats
print("entropy:", stats.entropy([0.5, 0.5], [0.25, 0.75]))
print("loaded after use:", "scipy.stats._stats_py" in sys.modules)
"""


def test_scipy_stats_loads_only_when_used() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300, check=True
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "loaded after import: False"
    # KL divergence of (1/2, 1/2) from (1/4, 3/4): (ln 2 + ln 2/3) / 2
    assert abs(float(lines[1].split()[1]) - 0.1438410362258904) < 1e-12
    assert lines[2] == "loaded after use: True"
