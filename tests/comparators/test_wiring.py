"""The fetch asset is in the code location but never in the nightly job."""

from __future__ import annotations

import dagster as dg

from dagster_project.comparators.assets import FETCH_JOB
from dagster_project.definitions import PIPELINE_JOB, defs

FETCH_KEY = dg.AssetKey(["dfe", "release_download"])


def test_fetch_asset_is_defined_in_its_own_job_only() -> None:
    graph = defs.resolve_asset_graph()
    assert graph.get(FETCH_KEY).group_name == "landing"
    assert defs.resolve_job_def(FETCH_JOB).asset_layer.executable_asset_keys == {FETCH_KEY}
    nightly = defs.resolve_job_def(PIPELINE_JOB).asset_layer.executable_asset_keys
    assert FETCH_KEY not in nightly
    assert dg.AssetKey(["marts", "comparators"]) in nightly
    assert dg.AssetKey(["dfe", "sn_model"]) in nightly
