"""Per-run dbt target folders are pruned, so a nightly schedule does not fill the disk."""

from __future__ import annotations

import os
from pathlib import Path

from dagster_project.transform.project import prune_run_targets, remove_all_but_newest


def test_only_the_newest_run_folders_are_kept(tmp_path: Path) -> None:
    for age, name in enumerate(["cla_dbt-a", "cla_dbt-b", "cla_dbt-c", "cla_dbt-d"]):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "manifest.json").write_text("{}")
        then = 1_700_000_000 - age * 86_400  # a is the newest
        os.utime(folder, (then, then))
    (tmp_path / "manifest.json").write_text("{}")  # the project's own manifest stays
    (tmp_path / "compiled").mkdir()  # and so does anything that is not a run folder
    removed = prune_run_targets(keep=2, root=tmp_path)
    assert sorted(p.name for p in removed) == ["cla_dbt-c", "cla_dbt-d"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cla_dbt-a",
        "cla_dbt-b",
        "compiled",
        "manifest.json",
    ]


def test_a_folder_another_run_pruned_meanwhile_is_not_an_error(tmp_path: Path) -> None:
    """Two runs of two warehouses share the dbt target folder and each prunes it: a folder
    listed, then removed by the other run before its time is read, is skipped."""
    listed = []
    for age, name in enumerate(["cla_dbt-a", "cla_dbt-b", "cla_dbt-c"]):
        (tmp_path / name).mkdir()
        then = 1_700_000_000 - age * 86_400
        os.utime(tmp_path / name, (then, then))
        listed.append(tmp_path / name)
    gone = tmp_path / "cla_dbt-gone"  # listed by this run, already removed by the other
    removed = remove_all_but_newest([*listed, gone], keep=1)
    assert sorted(p.name for p in removed) == ["cla_dbt-b", "cla_dbt-c"]
    assert [p.name for p in tmp_path.iterdir()] == ["cla_dbt-a"]
