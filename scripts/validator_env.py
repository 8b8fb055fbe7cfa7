"""The public DfE 903 validator in a venv of its own (it pins pandas 1.5).

`csc-validator-be-903` (data-to-insight) cannot share our environment, so it is installed
once into `.venv/validator` (beside the project's `.venv`; never under `data/`) from the
package registry, and driven by scripts run with that venv's Python: the fixture capture
(tests/quality/validator) and the agreement measure (`make validator-agreement`).

    python -m scripts.validator_env [VENV]   # create it (make setup does)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

VALIDATOR = "csc-validator-be-903==0.1.17"
NAME, VERSION = VALIDATOR.split("==")
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VENV = REPO_ROOT / ".venv" / "validator"
# The validator's rulesets, one per collection year (lac2022_23 = 2022-23 = year 2023).
RULESETS = ("lac2022_23", "lac2023_24", "lac2024_25", "lac2025_26", "lac2026_27")


def ruleset_year(ruleset: str) -> int:
    """`lac2022_23` -> 2023 (the year of the collection's 31 March)."""
    return int(ruleset[3:7]) + 1


def year_ruleset(year: int) -> str:
    return f"lac{year - 1}_{year % 100:02d}"


def ensure_venv(venv: Path = DEFAULT_VENV) -> Path:
    """The validator venv's Python, installing the pinned package on first use."""
    python = venv / "bin" / "python"
    if python.exists():
        probe = subprocess.run(
            [str(python), "-c", f"import importlib.metadata as m; print(m.version('{NAME}'))"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == VERSION:
            return python
    base = shutil.which("python3.11") or sys.executable
    subprocess.run([base, "-m", "venv", "--clear", str(venv)], check=True, capture_output=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", VALIDATOR],
        check=True,
        capture_output=True,  # pip's notices would drown a test run's output
    )
    return python


if __name__ == "__main__":
    print(ensure_venv(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_VENV))
