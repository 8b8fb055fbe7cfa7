"""Targets config: the shipped file is valid, mistakes stop the run with file, line and field,
and the Dagster asset loads it into the table the indicator report reads."""

from __future__ import annotations

import csv
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.indicators.assets import indicator_targets
from dagster_project.indicators.targets import (
    CATALOGUE,
    TARGETS_FILE,
    TargetsConfigError,
    catalogue_kinds,
    load_targets,
    write_targets,
)
from dagster_project.resources import PipelineResource
from dagster_project.warehouse import WarehouseResource, connect

from .helpers import rows


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_targets_cover_the_headline_indicators() -> None:
    targets = {t.indicator_id: t for t in load_targets(TARGETS_FILE)}
    assert targets, "config/targets.yaml sets no target"
    assert all(catalogue_kinds()[i] == "value" for i in targets)
    assert all(t.source for t in targets.values())
    with CATALOGUE.open(encoding="utf-8", newline="") as handle:
        headline = {
            r["indicator_id"]
            for r in csv.DictReader(handle)
            if r["headline"] == "true" and r["polarity"] != "neutral"
        }
    assert headline <= set(targets), sorted(headline - set(targets))
    assert targets["placements_3plus_pct"].target == 10
    assert targets["placements_3plus_pct"].amber_tolerance == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "indicators:\n  placements_3plus_pct: {target: 10, source: x}\n"
            "  children_in_care: {target: 1, source: x}\n",
            "line 3, indicator 'children_in_care': 'children_in_care' is not an indicator",
        ),
        (
            "indicators:\n  long_term_stability_pct:\n    target: high\n    source: x\n",
            "line 2, indicator 'long_term_stability_pct': field 'target' must be a number, "
            "got 'high'",
        ),
        (
            "indicators:\n  cla_by_age: {target: 5, source: x}\n",
            "'cla_by_age' is a breakdown",
        ),
        (
            "indicators:\n  uasc_pct: {target: 5, polarity: up, source: x}\n",
            "field 'polarity' must be one of higher_is_better, lower_is_better, neutral, got 'up'",
        ),
        (
            "indicators:\n  uasc_pct: {target: 5, amber_tolerance: -1, source: x}\n",
            "field 'amber_tolerance' must be 0 or more, got -1",
        ),
        (
            "indicators:\n  uasc_pct: {target: 5, tolerance: 1, source: x}\n",
            "unknown field 'tolerance'",
        ),
        (
            "indicators:\n  uasc_pct: {target: 5}\n",
            "field 'source' is required",
        ),
        ("indicators:\n  uasc_pct: {target: [5\n", "not valid YAML"),
        ("- uasc_pct\n", "expected a mapping"),
    ],
)
def test_mistakes_name_the_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(TargetsConfigError) as raised:
        load_targets(path)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(TargetsConfigError, match="cannot read the targets file"):
        load_targets(tmp_path / "nowhere.yaml")


def test_written_rows_replace_the_previous_load(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    first = _file(tmp_path, "indicators:\n  uasc_pct: {target: 5, source: a}\n")
    with connect(warehouse) as con:
        write_targets(con, load_targets(first), first)
    second = _file(
        tmp_path,
        "indicators:\n  placements_3plus_pct: {target: 9.5, amber_tolerance: 1.5, "
        "polarity: lower_is_better, source: b}\n  cla_started: {}\n",
    )
    with connect(warehouse) as con:
        assert write_targets(con, load_targets(second), second) == 2
    found = rows(
        warehouse,
        "select indicator_id, target, amber_tolerance, polarity, target_source, config_file "
        "from reference.indicator_targets order by 1",
    )
    assert found == [
        ("cla_started", None, 0.0, None, "", str(second)),
        ("placements_3plus_pct", 9.5, 1.5, "lower_is_better", "b", str(second)),
    ]


def _pipeline(tmp_path: Path, targets: Path) -> PipelineResource:
    return PipelineResource(
        la_code="310",
        source_system="mosaic",
        publish_dir=str(tmp_path / "publish"),
        targets_path=str(targets),
    )


def test_the_asset_loads_the_file_into_the_warehouse(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    targets = _file(tmp_path, "indicators:\n  uasc_pct: {target: 5, source: a}\n")
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [indicator_targets],
            instance=instance,
            resources={
                "pipeline": _pipeline(tmp_path, targets),
                "warehouse": WarehouseResource(path=str(warehouse)),
            },
        )
    assert result.success
    (event,) = result.get_asset_materialization_events()
    materialization = event.materialization
    assert materialization.metadata["dagster/row_count"].value == 1
    assert materialization.metadata["indicators_with_target"].value == ["uasc_pct"]
    assert rows(warehouse, "select indicator_id, target from reference.indicator_targets") == [
        ("uasc_pct", 5.0)
    ]


def test_the_asset_fails_with_the_message_and_leaves_the_table(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    good = _file(tmp_path, "indicators:\n  uasc_pct: {target: 5, source: a}\n")
    with connect(warehouse) as con:
        write_targets(con, load_targets(good), good)
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators:\n  uasc_pct: {target: five, source: a}\n", encoding="utf-8")
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [indicator_targets],
            instance=instance,
            raise_on_error=False,
            resources={
                "pipeline": _pipeline(tmp_path, bad),
                "warehouse": WarehouseResource(path=str(warehouse)),
            },
        )
    assert not result.success
    (failure,) = result.get_step_failure_events()
    assert f"{bad}, line 2, indicator 'uasc_pct': field 'target' must be a number" in str(
        failure.step_failure_data.error
    )
    assert rows(warehouse, "select indicator_id, target from reference.indicator_targets") == [
        ("uasc_pct", 5.0)
    ]


def _upstream(graph: dg.AssetGraph, key: dg.AssetKey) -> set[dg.AssetKey]:
    seen: set[dg.AssetKey] = set()
    todo = [key]
    while todo:
        for parent in graph.get(todo.pop()).parent_keys:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def test_lineage_runs_from_the_file_to_the_report_in_the_nightly_job() -> None:
    from dagster_project.definitions import build_definitions, pipeline_selection
    from dagster_project.settings import settings
    from dagster_project.transform.project import ensure_manifest

    ensure_manifest()
    defs = build_definitions()
    graph = defs.resolve_asset_graph()
    source = dg.AssetKey(["config", "indicator_targets"])
    assert dg.AssetKey(["intermediate", "int_indicators__targets"]) in graph.get(source).child_keys
    assert source in _upstream(graph, dg.AssetKey(["marts", "indicator_report"]))
    selected = pipeline_selection(PipelineResource.from_settings(settings())).resolve(graph)
    assert source in selected
