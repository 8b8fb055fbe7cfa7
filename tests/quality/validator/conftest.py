"""The public DfE validator's own rule tests, exported once per session (its own venv).

The validator (`csc-validator-be-903`, pandas 1.5) is installed from the package registry
into `.venv/validator` on first use (scripts/validator_env.py, as `make setup` does), and
`scripts/validator_fixtures.py` runs there to write every rule module's fixtures as JSON into
a temporary folder. Nothing else touches the network.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scripts.validator_env import REPO_ROOT, ensure_venv


@pytest.fixture(scope="session")
def validator_fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        python = ensure_venv()
    except subprocess.CalledProcessError as exc:  # no registry: say so, never pass silently
        pytest.fail(f"could not install the public DfE validator into .venv/validator: {exc}")
    out = tmp_path_factory.mktemp("validator_fixtures")
    done = subprocess.run(
        [str(python), str(REPO_ROOT / "scripts" / "validator_fixtures.py"), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"exporting the validator's fixtures failed:\n{done.stderr[-3000:]}")
    return out
