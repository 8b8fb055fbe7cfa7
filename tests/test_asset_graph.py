"""The asset graph is what the snapshot says: lineage changes are reviewed, not accidental.

When a change to the graph is intended, write the new snapshot with
`.venv/bin/python -m scripts.asset_graph --write` and commit it with the change.
"""

from __future__ import annotations

import difflib

from scripts.asset_graph import SNAPSHOT, asset_graph_lines


def test_the_asset_graph_matches_its_snapshot() -> None:
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    actual = asset_graph_lines()
    diff = "\n".join(difflib.unified_diff(expected, actual, "snapshot", "code", lineterm=""))
    assert actual == expected, (
        "the asset graph changed; if intended, run "
        "`.venv/bin/python -m scripts.asset_graph --write`:\n" + diff
    )


def test_dbt_groups_follow_the_project_folders() -> None:
    groups = {line.split(" [")[1].split("]")[0] for line in asset_graph_lines() if " [" in line}
    layers = {"staging_mosaic", "core_ssda903", "intermediate_indicators", "marts_indicators"}
    assert layers <= groups
    assert {"landing", "quality", "publication", "seeds_reference"} <= groups
