"""`cla run --cin`: the CIN census folder is checked before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project.cli import main


def test_a_missing_cin_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    returns = tmp_path / "ssda903"
    (returns / "2025").mkdir(parents=True)
    code = main(
        ["run", "--input", str(returns), "--source", "ssda903", "--cin", str(tmp_path / "cin")]
    )
    assert code == 2
    assert "CIN census folder not found" in capsys.readouterr().err


def test_generate_refuses_a_bad_cin_ratio(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(["generate", "--children", "5", "--years", "1", "--out", str(tmp_path / "o"),
                 "--cin-ratio", "-1"])  # fmt: skip
    assert code == 2
    assert "--cin-ratio" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
