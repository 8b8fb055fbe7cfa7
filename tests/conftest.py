"""Test session set-up: every test works in temporary folders, never in data/.

Environment is set in `pytest_configure`, before test modules are imported, because the
Dagster definitions resolve the dbt target folder and settings when first imported.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_SESSION_DIR: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _SESSION_DIR
    _SESSION_DIR = Path(tempfile.mkdtemp(prefix="cla-tests-"))
    os.environ["CLA_HOME"] = str(_SESSION_DIR / "data")
    os.environ["DBT_TARGET_PATH"] = str(_SESSION_DIR / "dbt_target")
    os.environ.pop("DAGSTER_HOME", None)
    os.environ["TQDM_DISABLE"] = "1"
    # no telemetry switch: the tools' own configuration turns it off, as in a run
    # (docs/security.md); an environment variable here once hid dbt's
    # the dbt project parsed once for the session, before any module loads the definitions:
    # `make setup` parsed it into dbt/target; each session (each xdist worker) copies that
    # parse into its own target folder, where its runs write, and parses only when stale
    from dagster_project.settings import DBT_PROJECT_DIR
    from dagster_project.transform.project import PARSED_FILES, ensure_manifest

    target = _SESSION_DIR / "dbt_target"
    target.mkdir()
    from dagster_project.transform.dbt_selection import RECORD_NAME

    # and the dbt steps' recorded selection, which holds for that parse only
    for name in (*PARSED_FILES, RECORD_NAME):
        prepared = DBT_PROJECT_DIR / "target" / name
        if prepared.is_file():
            shutil.copy2(prepared, target / name)  # keeps its time: ensure_manifest trusts it
    ensure_manifest()


# The files that take longest (whole `cla run`s; measured with --durations, docs/benchmarks.md),
# longest first: started first, they never leave one worker running alone at the end.
LONGEST_FILES = (
    "test_record_errors_run.py",
    "test_safety_end_to_end.py",
    "test_demo.py",
    "test_pipeline_run.py",
    "test_quality_pipeline.py",
    "test_mosaic_record_errors.py",
    "test_alerts.py",
    "test_deploy.py",
    "test_console.py",
    "test_landing_run.py",
    "test_sources_agree.py",
    "test_dbt_unit_tests.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest files first, then other files with whole pipeline runs (`slow`): with
    `-n 2 --dist loadfile` (make test) they start at once instead of last, when one worker
    would be idle."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}

    def rank(item: pytest.Item) -> tuple[int, int]:
        name = item.path.name
        if name in LONGEST_FILES:
            return (0, LONGEST_FILES.index(name))
        return (1 if item.path in slow_files else 2, 0)

    items.sort(key=rank)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SESSION_DIR is not None:
        shutil.rmtree(_SESSION_DIR, ignore_errors=True)


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    """A fresh, empty warehouse file for one test."""
    return tmp_path / "warehouse" / "cla.duckdb"


@pytest.fixture
def project_instance(tmp_path: Path):
    """A real Dagster instance configured by the project's deploy/dagster.yaml (run queue,
    telemetry off, SQLite storage) in a temporary DAGSTER_HOME."""
    import dagster as dg

    from dagster_project.operations.instance import instance_yaml

    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(instance_yaml(home))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        yield instance
