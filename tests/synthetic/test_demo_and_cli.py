"""The demo never overwrites data it did not write; `cla generate` reports what it wrote."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from dagster_project.cli import main
from dagster_project.synthetic.demo import UnmarkedDataError, build_demo_landing
from dagster_project.synthetic.generator import MARKER, UnmarkedFolderError, generate


def test_demo_writes_marked_folders_and_can_run_again(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    assert build_demo_landing(landing, seed=1) == landing
    extract = landing / "mosaic" / "2026-03-31"
    years = sorted(p for p in (landing / "ssda903").iterdir() if p.is_dir())
    assert (extract / MARKER).exists() and (extract / "persons.csv").exists()
    assert len(years) == 16 and all((y / MARKER).exists() for y in years)
    first = (extract / "placements.csv").read_bytes()
    (landing / "ssda903" / "2011" / "stale.csv").write_text("x\n", encoding="utf-8")
    build_demo_landing(landing, seed=1)  # replaces only what it wrote before
    assert (extract / "placements.csv").read_bytes() == first
    assert not (landing / "ssda903" / "2011" / "stale.csv").exists()


@pytest.mark.parametrize("real", ["mosaic/extract_2026_03/persons.csv", "ssda903/2019/header.csv"])
def test_demo_refuses_unmarked_data_and_changes_nothing(tmp_path: Path, real: str) -> None:
    landing = tmp_path / "landing"
    path = landing / real
    path.parent.mkdir(parents=True)
    path.write_text("PERSON_ID\n1\n", encoding="utf-8")
    with pytest.raises(UnmarkedDataError, match="not written by the demo"):
        build_demo_landing(landing, seed=1)
    assert path.read_text(encoding="utf-8") == "PERSON_ID\n1\n"
    assert [p for p in landing.rglob("*") if p.is_file()] == [path]


def test_generate_refuses_an_unmarked_target_folder(tmp_path: Path) -> None:
    real = tmp_path / "ssda903" / "2025" / "episodes.csv"
    real.parent.mkdir(parents=True)
    real.write_text("CHILD\n", encoding="utf-8")
    with pytest.raises(UnmarkedFolderError, match="not written by the synthetic generator"):
        generate(tmp_path, 20, 2, seed=1)
    assert real.read_text(encoding="utf-8") == "CHILD\n"
    assert not (tmp_path / "mosaic").exists()


def test_cla_generate_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    status = main(
        ["generate", "--children", "40", "--years", "3", "--seed", "9", "--out", str(tmp_path),
         "--source", "mosaic"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert status == 0
    assert "40 children" in out and "Mosaic extract" in out
    assert (tmp_path / "mosaic" / "2026-03-31" / "persons.csv").exists()
    assert not (tmp_path / "ssda903").exists()


def test_run_generate_rejects_a_bad_source(tmp_path: Path) -> None:
    from dagster_project.synthetic.cli import run_generate

    args = argparse.Namespace(children=5, years=1, seed=1, out=str(tmp_path), source="csv")
    assert run_generate(args) == 2


def test_cla_generate_refuses_unmarked_data(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    real = tmp_path / "mosaic" / "2026-03-31" / "persons.csv"
    real.parent.mkdir(parents=True)
    real.write_text("PERSON_ID\n", encoding="utf-8")
    status = main(["generate", "--children", "5", "--years", "1", "--out", str(tmp_path)])
    assert status == 2
    assert "not written by the synthetic generator" in capsys.readouterr().err
    assert real.read_text(encoding="utf-8") == "PERSON_ID\n"
