"""The publication switches as one unit: a real process killed (SIGKILL) at every step of
the switch leaves what a reader sees all old or all new, never a mix, and never without
its quality page.

Run A publishes in this process. Run B publishes in a child process told (env var
`CLA_TEST_KILL_AT`) to kill itself at one step of `releases.commit`; the test then reads,
through the paths analysts use, which run built `cla_marts.duckdb` (its
`publication_info`), `report/panel_report.html` (its run line) and `quality/` (a marker
the stand-in gate wrote), and checks they agree.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dagster_project.publication import releases
from dagster_project.publication.database import Descriptions, RunInfo
from dagster_project.publication.publish import publish
from dagster_project.quality import findings as fnd

from .fixtures import make_warehouse

SWITCH_POINTS = ["stable_paths", "staged", "renamed", "switched", "pruned"]
BEFORE_SWITCH = {"staged", "renamed", "stable_paths"}
LEGACY_POINTS = ["legacy_release", "legacy_cla_marts.duckdb", "legacy_report", "legacy_quality"]


def _stage_quality(publish_dir: Path, run_id: str) -> None:
    """What the quality gate writes for a run: findings naming the run (as a rule code)."""
    staged = releases.prepare_staging(publish_dir, run_id)
    findings = fnd.frame([{"check_name": "landing", "rule_code": f"marker-{run_id}"}])
    fnd.write_csv(findings, fnd.summary(findings), staged / "quality")


def _publish(warehouse: Path, publish_dir: Path, run_id: str) -> None:
    _stage_quality(publish_dir, run_id)
    publish(warehouse, publish_dir, RunInfo(run_id, "mosaic", "310", 6), Descriptions())


CHILD = """
import sys
from pathlib import Path
from tests.publication.test_release_switch import _publish
_publish(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
"""


def _publish_killed(warehouse: Path, publish_dir: Path, run_id: str, point: str) -> int:
    env = {**os.environ, releases.KILL_ENV: point}
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(warehouse), str(publish_dir), run_id],
        env=env,
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode


def _seen(publish_dir: Path) -> tuple[str, str, str]:
    """(run of the database, run of the report, run of the quality page) as a reader sees."""
    con = duckdb.connect(str(publish_dir / "cla_marts.duckdb"), read_only=True)
    try:
        (db_run,) = con.execute("select run_id from publication_info").fetchone()
    finally:
        con.close()
    html = (publish_dir / "report" / "panel_report.html").read_text(encoding="utf-8")
    report_run = re.search(r"<strong>Run:</strong> ([\w-]+)", html).group(1)
    quality = (publish_dir / "quality" / "findings.csv").read_text(encoding="utf-8")
    quality_run = re.search(r"marker-([\w-]+)", quality).group(1)
    assert (publish_dir / "quality" / "index.html").is_file()
    return db_run, report_run, quality_run


@pytest.fixture(scope="module")
def published_a(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A warehouse, and a publication folder where run A has published."""
    root = tmp_path_factory.mktemp("switch")
    warehouse = make_warehouse(root / "warehouse" / "cla.duckdb", "A")
    _publish(warehouse, root / "publish", "run-A")
    return warehouse, root / "publish"


def _copy(published: Path, target: Path) -> Path:
    shutil.copytree(published, target, symlinks=True)
    return target


@pytest.mark.parametrize("point", SWITCH_POINTS)
def test_killed_at_each_step_of_the_switch_shows_all_old_or_all_new(
    published_a: tuple[Path, Path], tmp_path: Path, point: str
) -> None:
    warehouse, published = published_a
    publish_dir = _copy(published, tmp_path / "publish")
    assert _seen(publish_dir) == ("run-A", "run-A", "run-A")
    assert _publish_killed(warehouse, publish_dir, "run-B", point) == -9  # SIGKILL
    expected = "run-A" if point in BEFORE_SWITCH else "run-B"
    assert _seen(publish_dir) == (expected, expected, expected)
    # the next run clears what the dead one left and publishes whole
    _publish(warehouse, publish_dir, "run-C")
    assert _seen(publish_dir) == ("run-C", "run-C", "run-C")
    assert list((publish_dir / ".staging").iterdir()) == []


def test_without_a_kill_the_switch_publishes_b(
    published_a: tuple[Path, Path], tmp_path: Path
) -> None:
    warehouse, published = published_a
    publish_dir = _copy(published, tmp_path / "publish")
    assert _publish_killed(warehouse, publish_dir, "run-B", "nowhere") == 0
    assert _seen(publish_dir) == ("run-B", "run-B", "run-B")


def _legacy_layout(published: Path, target: Path) -> Path:
    """A publication folder as the code before releases left it: a real file, real folders."""
    target.mkdir()
    release = (published / "current").resolve()
    shutil.copy2(release / "cla_marts.duckdb", target / "cla_marts.duckdb")
    shutil.copytree(release / "report", target / "report")
    shutil.copytree(release / "quality", target / "quality")
    (target / "quality" / "data_docs").mkdir()
    (target / "quality" / "data_docs" / "index.html").write_text("<script>GX</script>")
    return target


@pytest.mark.parametrize("point", LEGACY_POINTS)
def test_moving_a_legacy_folder_to_releases_is_safe_at_every_kill(
    published_a: tuple[Path, Path], tmp_path: Path, point: str
) -> None:
    warehouse, published = published_a
    publish_dir = _legacy_layout(published, tmp_path / "publish")
    assert _seen(publish_dir) == ("run-A", "run-A", "run-A")
    assert _publish_killed(warehouse, publish_dir, "run-B", point) == -9
    assert _seen(publish_dir) == ("run-A", "run-A", "run-A")
    _publish(warehouse, publish_dir, "run-C")
    assert _seen(publish_dir) == ("run-C", "run-C", "run-C")
    for name in ("cla_marts.duckdb", "report", "quality"):
        assert (publish_dir / name).is_symlink()
    # GX Data Docs (raw values, CDN scripts) are not carried into any release
    assert not list(publish_dir.glob(".releases/*/quality/data_docs"))


def test_a_refused_run_keeps_the_figures_byte_identical_and_shows_its_findings(
    published_a: tuple[Path, Path], tmp_path: Path
) -> None:
    _, published = published_a
    publish_dir = _copy(published, tmp_path / "publish")
    database = (publish_dir / "cla_marts.duckdb").read_bytes()
    report = (publish_dir / "report" / "panel_report.xlsx").read_bytes()
    _stage_quality(publish_dir, "run-R")
    releases.commit(publish_dir, "run-R", "refused")
    assert (publish_dir / "cla_marts.duckdb").read_bytes() == database
    assert (publish_dir / "report" / "panel_report.xlsx").read_bytes() == report
    db_run, report_run, quality_run = _seen(publish_dir)
    assert (db_run, report_run, quality_run) == ("run-A", "run-A", "run-R")
    manifest = releases.current_manifest(publish_dir)
    assert manifest["status"] == "refused" and manifest["figures"]["run_id"] == "run-A"


def test_old_releases_are_pruned_but_never_the_current(
    published_a: tuple[Path, Path], tmp_path: Path
) -> None:
    _, published = published_a
    publish_dir = _copy(published, tmp_path / "publish")
    for n in range(5):
        _stage_quality(publish_dir, f"run-{n}")
        releases.commit(publish_dir, f"run-{n}", "refused")
    kept = sorted(p.name for p in (publish_dir / ".releases").iterdir())
    assert len(kept) == releases.KEEP_RELEASES
    assert (publish_dir / "current").resolve().name == kept[-1]
    assert _seen(publish_dir) == ("run-A", "run-A", "run-4")
