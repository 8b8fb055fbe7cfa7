"""End to end: a synthetic LA with injected faults through the whole Dagster job.

Acceptance of issue 7, with issue 11's impact-aware gate: on a clean synthetic LA every
blocking check passes; with invalid LS, PLACE, CIN, MISSING and IN_TOUCH codes, an overlap
and a DEC before DECOM on seven of 120 children, the record errors reach more than 5% of
some figures' children, so the run stops before publication naming those figures, the
previous publication is untouched, and quality/findings.csv names each fault's rule, child
and field (record errors, not blocking by themselves).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.resources import PipelineResource
from dagster_project.runner import RunOutcome, run_pipeline
from dagster_project.synthetic.generator import generate

YEAR = "2026"  # the latest collection year the generator writes (as at 31 March 2026)


def rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, header: list[str], data: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(data)


def day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def inject_faults(year_dir: Path) -> dict[str, tuple[str, str]]:
    """Break the year's files; return rule -> (child, field) expected in findings.csv."""
    expected: dict[str, tuple[str, str]] = {}
    header, episodes = rows(year_dir / "episodes.csv")
    ended = [e for e in episodes if e["DEC"] and (day(e["DEC"]) - day(e["DECOM"])).days > 3]
    children = iter(dict.fromkeys(e["CHILD"] for e in ended))
    by_child = {
        c: next(e for e in ended if e["CHILD"] == c) for c in [next(children) for _ in range(5)]
    }
    (ls, place, cin, overlap, backwards) = by_child.items()
    ls[1]["LS"] = "Z9"
    expected["144"] = (ls[0], "LS")
    place[1]["PLACE"] = "Q7"
    expected["146"] = (place[0], "PLACE")
    cin[1]["CIN"] = "N0"
    expected["145"] = (cin[0], "CIN")
    start = day(overlap[1]["DECOM"])
    episodes.append({**overlap[1], "DECOM": (start + dt.timedelta(days=1)).strftime("%d/%m/%Y")})
    expected["501"] = (overlap[0], "DECOM")
    backwards[1]["DEC"] = (day(backwards[1]["DECOM"]) - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    expected["356"] = (backwards[0], "DEC")
    write(year_dir / "episodes.csv", header, episodes)

    header, missing = rows(year_dir / "missing.csv")
    missing[0]["MISSING"] = "Q"
    expected["1006"] = (missing[0]["CHILD"], "MISSING")
    write(year_dir / "missing.csv", header, missing)

    header, oc3 = rows(year_dir / "oc3.csv")
    oc3[0]["IN_TOUCH"] = "MAYBE"
    expected["131"] = (oc3[0]["CHILD"], "IN_TOUCH")
    write(year_dir / "oc3.csv", header, oc3)
    return expected


def run(input_dir: Path, base: Path) -> RunOutcome:
    warehouse = base / "warehouse.duckdb"
    pipeline = PipelineResource(
        la_code="310",
        source_system="ssda903",
        ssda903_dir=str(input_dir),
        publish_dir=str(base / "publish"),
    )
    # Dagster's in-memory instance: the test reads the outcome and quality/, not the run
    # history (the product's SQLite run storage is in the cla run tests)
    return run_pipeline(pipeline, warehouse, instance=dg.DagsterInstance.ephemeral())


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    generate(out, children=120, years=2, seed=11, source="ssda903", workers=1)
    return out / "ssda903"


@pytest.fixture(scope="module")
def faulty_run(synthetic: Path, tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("faulty")
    landing = base / "ssda903"
    shutil.copytree(synthetic, landing)
    expected = inject_faults(landing / YEAR)
    # the last good publication, which a failed run must leave exactly as it was
    publish = base / "publish"
    (publish / "report").mkdir(parents=True)
    (publish / "cla_marts.duckdb").write_bytes(b"last good database")
    (publish / "report" / "index.html").write_text("last good report")
    return run(landing, base), base, expected


@pytest.mark.slow
def test_only_the_injected_faults_are_record_errors(faulty_run) -> None:
    """The synthetic LA is clean: every record error belongs to a child whose record was
    broken, landing, dbt's tests and the raw and staging suites all passed, and only the
    impact check blocks."""
    outcome, base, expected = faulty_run
    failed = sorted(c.split(" ", 1)[0] for c in outcome.failed_checks)
    assert failed == ["quality/data_quality_gate:record_error_impact"], outcome.summary()
    assert not [s for s in outcome.failed_steps if "cla_dbt" in s], outcome.summary()
    _, found = rows(base / "publish" / "quality" / "findings.csv")
    errors = [f for f in found if f["severity"] == "record_error"]
    assert {f["child_id"] for f in errors} == {child for child, _ in expected.values()}
    assert not [f for f in errors if f["blocking"] == "True"]
    # the mart suite sees the injected DEC before DECOM too (ssda903_episodes.dec_after_decom)
    gx = {f["rule_code"] for f in errors if f["check_name"] == "gx_marts"}
    assert gx == {"ssda903_episodes.dec_after_decom"}
    blocking = [f for f in found if f["blocking"] == "True"]
    assert blocking and {f["rule_code"] for f in blocking} == {"quality.max_affected_share"}
    assert outcome.record_errors is not None and outcome.record_errors[0] == len(expected)
    assert (base / "publish" / "quality" / "rule_summary.csv").is_file()
    assert (base / "publish" / "quality" / "index.html").is_file()


@pytest.mark.slow
def test_blocking_faults_stop_the_run_before_publication(faulty_run) -> None:
    outcome, base, _ = faulty_run
    assert not outcome.success
    (failed,) = outcome.failed_checks
    # each refusing figure by id and title, with its share
    assert "have unresolved record errors, above max_affected_share 5.0%" in failed
    assert re.search(r"cla_ceased \(Children who ceased to be looked after \(last 12 months\)\): "
                     r"\d+ of its \d+ children \(\d+\.\d%\)", failed), failed  # fmt: skip
    warnings = " ".join(outcome.warnings)
    for code in ("144", "145", "146", "356", "501", "1006", "131"):
        assert code in warnings
    publish = base / "publish"
    assert (publish / "cla_marts.duckdb").read_bytes() == b"last good database"
    assert (publish / "report" / "index.html").read_text() == "last good report"
    assert sorted(p.name for p in (publish / "report").iterdir()) == ["index.html"]


@pytest.mark.slow
def test_findings_name_each_faults_rule_child_and_field(faulty_run) -> None:
    _, base, expected = faulty_run
    _, found = rows(base / "publish" / "quality" / "findings.csv")
    for code, (child, field) in expected.items():
        hits = [f for f in found if f["rule_code"] == code and f["child_id"] == child]
        assert hits, f"rule {code} did not name child {child}"
        assert all(field in f["fields"] and f["severity"] == "record_error" for f in hits), hits
