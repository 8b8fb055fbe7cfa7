"""Publication inside real Dagster runs: it runs only after the blocking checks pass.

`gate` below stands in for the quality gate asset (`["quality", "data_quality_gate"]`, its
own issue) with one real blocking asset check; the last test uses the whole pipeline job
with a real blocking landing check.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.definitions import defs
from dagster_project.publication.assets import (
    CLA_MARTS,
    PANEL_REPORT,
    QUALITY_GATE,
    publication_assets,
    published_dbt_keys,
)
from dagster_project.publication.database import PUBLISHED_NAME
from dagster_project.resources import PipelineResource
from dagster_project.runner import run_pipeline
from dagster_project.warehouse import WarehouseResource

from .conftest import build
from .fixtures import make_warehouse


def _snapshot(folder: Path) -> dict[str, str]:
    """Hashes of what publication owns: the database and report/ (quality/ is rewritten
    on every run, passed or failed, by the quality gate)."""
    paths = [folder / PUBLISHED_NAME, *sorted((folder / "report").rglob("*"))]
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in paths
        if p.is_file()
    }


def _gate(passes: bool) -> dg.AssetsDefinition:
    @dg.asset(
        key=QUALITY_GATE,
        group_name="quality",
        check_specs=[dg.AssetCheckSpec("blocking_rules", asset=QUALITY_GATE, blocking=True)],
    )
    def gate() -> dg.Output | dg.MaterializeResult:  # type: ignore[return]
        yield dg.MaterializeResult()
        yield dg.AssetCheckResult(
            check_name="blocking_rules",
            passed=passes,
            severity=dg.AssetCheckSeverity.ERROR,
            description="stand-in blocking rule",
        )

    return gate


def _run(tmp_path: Path, passes: bool) -> dg.ExecuteInProcessResult:
    pipeline = PipelineResource(
        la_code="310", source_system="mosaic", publish_dir=str(tmp_path / "publish")
    )
    job_defs = dg.Definitions(
        assets=[_gate(passes), publication_assets(upstream=[])],
        resources={
            "pipeline": pipeline,
            "warehouse": WarehouseResource(path=str(tmp_path / "warehouse" / "cla.duckdb")),
        },
    )
    job = dg.define_asset_job("publish_job", executor_def=dg.in_process_executor)
    resolved = dg.Definitions.merge(job_defs, dg.Definitions(jobs=[job])).resolve_job_def(
        "publish_job"
    )
    with dg.instance_for_test() as instance:
        return resolved.execute_in_process(instance=instance, raise_on_error=False)


def test_publishes_with_paths_and_counts_in_metadata(tmp_path: Path) -> None:
    make_warehouse(tmp_path / "warehouse" / "cla.duckdb")
    result = _run(tmp_path, passes=True)
    assert result.success
    materialised = {
        m.asset_key: m.metadata for m in result.asset_materializations_for_node("publish")
    }
    marts = materialised[CLA_MARTS]
    assert marts["path"].value == str(tmp_path / "publish" / PUBLISHED_NAME)
    assert marts["row_counts"].value["indicator_values"] == 48
    assert marts["tables"].value == 9  # the marts and seeds copied (plus 3 publication_*)
    report = materialised[PANEL_REPORT]
    assert report["report"].value.startswith("file://")
    assert report["report"].value.endswith("/publish/report/panel_report.html")
    assert report["period_end"].value == "2025-06-30"
    assert report["kpis"].value == 12
    assert report["suppressed_figures"].value >= 20
    assert (tmp_path / "publish" / "report" / "panel_report.xlsx").exists()
    # dbt's static docs site, beside the marts, in the same release
    docs = tmp_path / "publish" / "dbt_docs" / "index.html"
    assert docs.resolve().parent.parent == (tmp_path / "publish" / "current").resolve()
    page = docs.read_text(encoding="utf-8")
    assert "indicator_key_points" in page and "<script" in page  # dbt's app, data inlined
    # the warehouse's catalog inlined too (column types), not only the manifest
    assert "/catalog/v1.json" in page and '"dq_affected"' in page


def test_a_failed_blocking_check_leaves_the_publication_byte_for_byte(tmp_path: Path) -> None:
    build(tmp_path, "A", "run-A")  # the last good publication
    before = _snapshot(tmp_path / "publish")
    assert {PUBLISHED_NAME, "report/panel_report.html", "report/panel_report.xlsx"} <= set(before)
    make_warehouse(tmp_path / "warehouse" / "cla.duckdb", "B")  # new figures, bad data
    result = _run(tmp_path, passes=False)
    assert not result.success or not result.asset_materializations_for_node("publish")
    assert result.asset_materializations_for_node("publish") == []
    assert _snapshot(tmp_path / "publish") == before


def test_definitions_wire_publication_after_gate_and_marts() -> None:
    graph = defs.resolve_asset_graph()
    node = graph.get(CLA_MARTS)
    assert node.group_name == "publication"
    assert QUALITY_GATE in node.parent_keys
    assert set(published_dbt_keys()) <= node.parent_keys
    assert graph.get(PANEL_REPORT).parent_keys == {CLA_MARTS}
    assert any(k.path[0] == "marts" for k in published_dbt_keys())


@pytest.mark.slow
def test_pipeline_blocked_by_landing_leaves_publication_unchanged(tmp_path: Path) -> None:
    build(tmp_path, "A", "run-A")
    before = _snapshot(tmp_path / "publish")
    extract = tmp_path / "landing" / "mosaic" / "2025-06-30"
    extract.mkdir(parents=True)
    # persons.csv without its required DATE_OF_BIRTH column: a blocking landing check fails
    (extract / "persons.csv").write_text("PERSON_ID,GENDER,ETHNICITY\n1,F,WBRI\n")
    outcome = run_pipeline(
        PipelineResource(
            la_code="310",
            source_system="mosaic",
            mosaic_dir=str(tmp_path / "landing" / "mosaic"),
            publish_dir=str(tmp_path / "publish"),
        ),
        tmp_path / "pipeline.duckdb",
    )
    assert not outcome.success
    assert any("files_accepted" in c for c in outcome.failed_checks)
    assert _snapshot(tmp_path / "publish") == before
