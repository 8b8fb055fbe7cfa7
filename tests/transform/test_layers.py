"""The dbt project's layers, read from its manifest: marts are leaves, and all is described.

staging -> intermediate -> core -> intermediate -> marts: a table other models build on is a
core or intermediate model, never a mart (dbt Labs' structure guide). So no model outside
marts reads a mart, and no model reads a mart at all.
"""

from __future__ import annotations

import json

import pytest

from dagster_project.transform.project import ensure_manifest


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(ensure_manifest().read_text(encoding="utf-8"))


def _models(manifest: dict) -> dict[str, dict]:
    return {k: n for k, n in manifest["nodes"].items() if n["resource_type"] == "model"}


def _layer(node: dict) -> str:
    return node["original_file_path"].split("/")[1]  # models/<layer>/...


def _refs(manifest: dict) -> list[tuple[dict, dict]]:
    models = _models(manifest)
    return [
        (node, models[parent])
        for node in models.values()
        for parent in node["depends_on"]["nodes"]
        if parent in models
    ]


def test_the_layers_are_the_four_we_document(manifest: dict) -> None:
    assert {_layer(n) for n in _models(manifest).values()} == {
        "staging",
        "intermediate",
        "core",
        "marts",
    }
    assert {n["schema"] for n in _models(manifest).values() if _layer(n) == "core"} == {"core"}


def test_no_model_outside_marts_reads_a_mart(manifest: dict) -> None:
    offending = sorted(
        f"{node['name']} -> {parent['name']}"
        for node, parent in _refs(manifest)
        if _layer(parent) == "marts" and _layer(node) != "marts"
    )
    assert offending == []


def test_no_mart_is_read_by_another_model(manifest: dict) -> None:
    offending = sorted(
        f"{node['name']} -> {parent['name']}"
        for node, parent in _refs(manifest)
        if _layer(parent) == "marts"
    )
    assert offending == []


def test_the_ssda903_tables_are_built_once_in_core_and_published_under_their_names(
    manifest: dict,
) -> None:
    models = _models(manifest).values()
    core = {n["alias"] for n in models if n["schema"] == "core"}
    published = {n["alias"]: n for n in models if n["schema"] == "marts"}
    assert core == {
        f"ssda903_{t}"
        for t in (
            "header",
            "episodes",
            "uasc",
            "oc2",
            "oc3",
            "missing",
            "reviews",
            "ad1",
            "placed_for_adoption",
            "previous_permanence",
            "sw_episodes",
        )
    }
    for name in core:
        mart = published[name]
        assert mart["config"]["materialized"] == "view"
        parents = [p.split(".")[-1] for p in mart["depends_on"]["nodes"]]
        assert parents == [name]  # the core model of the same name, nothing else


def test_every_model_and_column_is_described(manifest: dict) -> None:
    """Every model has a description, and every column declared in its YAML one."""
    missing = [
        n["name"] for n in _models(manifest).values() if not (n.get("description") or "").strip()
    ]
    undescribed = [
        f"{n['name']}.{c}"
        for n in _models(manifest).values()
        for c, col in n["columns"].items()
        if not (col.get("description") or "").strip()
    ]
    assert missing == []
    assert undescribed == []
