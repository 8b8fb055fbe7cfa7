"""Same seed, same bytes, whatever the number of worker processes; forms from one history."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dagster_project.synthetic import generator
from dagster_project.synthetic.generator import generate


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several chunks from a few hundred children, so two workers really share the work."""
    monkeypatch.setattr(generator, "CHUNK_CHILDREN", 60)


def test_same_seed_same_bytes_with_one_or_two_workers(tmp_path: Path, small_chunks: None) -> None:
    one = generate(tmp_path / "one", 250, 5, seed=3, workers=1)
    two = generate(tmp_path / "two", 250, 5, seed=3, workers=2)
    digest = tree_digest(tmp_path / "one")
    assert len(digest) > 20
    assert digest == tree_digest(tmp_path / "two")
    assert one.rows == two.rows and one.episodes == two.episodes


def test_different_seed_different_bytes(tmp_path: Path, small_chunks: None) -> None:
    generate(tmp_path / "a", 120, 4, seed=3, workers=1)
    generate(tmp_path / "b", 120, 4, seed=4, workers=1)
    a, b = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert a.keys() == b.keys()
    persons = "mosaic/2026-03-31/persons.csv"
    assert a[persons] != b[persons]


def test_each_form_alone_equals_its_part_of_both(tmp_path: Path, small_chunks: None) -> None:
    generate(tmp_path / "both", 150, 4, seed=5, source="both", workers=1)
    generate(tmp_path / "mosaic", 150, 4, seed=5, source="mosaic", workers=1)
    generate(tmp_path / "ssda903", 150, 4, seed=5, source="ssda903", workers=1)
    both = tree_digest(tmp_path / "both")
    mosaic, ssda903 = tree_digest(tmp_path / "mosaic"), tree_digest(tmp_path / "ssda903")
    assert all(k.startswith("mosaic/") for k in mosaic)
    # the return form: 903 files and the CIN census returns
    assert all(k.startswith(("ssda903/", "cin/")) for k in ssda903)
    assert any(k.startswith("cin/") for k in ssda903)
    assert {**mosaic, **ssda903} == both


def test_cin_records_leave_the_care_histories_unchanged(tmp_path: Path, small_chunks: None) -> None:
    """CIN records draw from their own random streams: the CLA files are what they were."""
    generate(tmp_path / "none", 150, 4, seed=5, workers=1, cin_ratio=0)
    generate(tmp_path / "many", 150, 4, seed=5, workers=1, cin_ratio=3)
    none, many = tree_digest(tmp_path / "none"), tree_digest(tmp_path / "many")
    cla_files = [k for k in none if k.startswith("ssda903/")] + [
        f"mosaic/2026-03-31/{name}.csv"
        for name in ("periods_of_care", "legal_statuses", "placements", "health_events",
                     "missing_episodes", "care_leaver_contacts", "reviews")
    ]  # fmt: skip
    assert {k: none[k] for k in cla_files} == {k: many[k] for k in cla_files}
    # children never in care are added after the children in care
    persons = "mosaic/2026-03-31/persons.csv"
    few = (tmp_path / "none" / persons).read_text()
    assert (tmp_path / "many" / persons).read_text().startswith(few)
    assert len((tmp_path / "many" / persons).read_text().splitlines()) == 150 * 4 + 1


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="source"):
        generate(tmp_path, 10, 2, seed=1, source="excel")
    with pytest.raises(ValueError, match="at least 1"):
        generate(tmp_path, 0, 2, seed=1)
