"""The prepared dbt parse stays usable when the project's files were touched but not
changed (a checkout, an edit undone): dbt's partial parse then keeps its
`partial_parse.msgpack` as it was, older than the project, and every run used to refuse
the parse as stale ("run `make setup`") however often it was redone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dagster_project.transform.project import (
    PARSED_FILES,
    _newest_source_mtime,
    ensure_manifest,
    prepared_manifest,
    target_path,
)


def test_a_parse_after_a_touch_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "target"
    target.mkdir()
    for name in PARSED_FILES:
        shutil.copy2(target_path() / name, target / name)
    monkeypatch.setenv("DBT_TARGET_PATH", str(target))
    # twice: the first parse is this folder's own (its scratch warehouse differs from the
    # copied parse's), the second finds nothing changed, as after a touch in dbt/target
    for _ in range(2):
        # as if a project file had been touched after the parse (the repository's own files
        # are left alone: other test processes read them)
        older = _newest_source_mtime() - 60
        for name in PARSED_FILES:
            os.utime(target / name, (older, older))
        ensure_manifest()
        assert prepared_manifest() == target / "manifest.json"
