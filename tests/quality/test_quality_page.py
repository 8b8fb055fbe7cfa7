"""The quality page replaces GX Data Docs: counts and rules only, escaped, offline.

A `<script>` in a date of birth and a child's ID reach `findings.csv` (the caseworker's
file) and nothing else in `quality/`; the page runs no script and fetches nothing (checked
by a static scan and by loading it in headless Chromium, which lists every resource the
page requested and every console error, CSP violations included).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dagster_project.quality import findings as fnd

SCRIPT = "<script>document.title='pwned'</script>"
CHILD = "C-7734-XSS"
UPN = "A801200000017"


def _findings() -> fnd.pd.DataFrame:
    return fnd.frame(
        [
            {
                "check_name": "gx_raw",
                "rule_code": "mosaic_persons.DATE_OF_BIRTH.date",
                "message": "DATE_OF_BIRTH is not a date (dd/mm/yyyy or yyyy-mm-dd)",
                "severity": "record_error",
                "table_name": "raw.mosaic_persons",
                "child_id": CHILD,
                "fields": "DATE_OF_BIRTH",
                "field_values": f"DATE_OF_BIRTH={SCRIPT}",
                "source_file": "2025-03-31/persons.csv",
                "row_number": 7,
            },
            {
                "check_name": "mosaic_timeline",
                "rule_code": "PLACEMENT_GAP",
                "message": f"placement {UPN}: first placement extended back to the period start",
                "severity": "warning",
                "table_name": "intermediate.int_mosaic__timeline_faults",
                "child_id": CHILD,
                "fields": "START_DATE",
                "field_values": "START_DATE=2024-01-01",
            },
            {  # record errors refuse only through their share of a figure (issue 11)
                "check_name": "record_error_impact",
                "rule_code": "quality.max_affected_share",
                "message": "cla_at_period_end (Children looked after): 61 of its 237 children "
                "(25.7%) have unresolved record errors, above max_affected_share 5.0% at "
                "2026-03-31",
                "severity": "structural",
                "table_name": "marts.indicator_values",
                "fields": "dq_affected, dq_members",
            },
        ]
    )


@pytest.fixture(scope="module")
def quality(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quality")
    findings = _findings()
    fnd.write_csv(findings, fnd.summary(findings), folder)
    return folder


def test_values_and_ids_are_only_in_findings_csv(quality: Path) -> None:
    assert sorted(p.name for p in quality.iterdir()) == [
        "findings.csv",
        "index.html",
        "rule_summary.csv",
    ]
    assert SCRIPT in (quality / "findings.csv").read_text(encoding="utf-8")
    for name in ("index.html", "rule_summary.csv"):
        text = (quality / name).read_text(encoding="utf-8")
        for value in ("<script", "pwned", CHILD, UPN, "2024-01-01"):
            assert value not in text, (name, value)
    page = (quality / "index.html").read_text(encoding="utf-8")
    assert "mosaic_persons.DATE_OF_BIRTH.date" in page and "DATE_OF_BIRTH" in page
    assert "first placement extended back to the period start" in page
    assert "Publication refused" in page


def test_the_page_references_nothing_outside_itself(quality: Path) -> None:
    page = (quality / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", page, re.IGNORECASE)
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"\b(src|href)\s*=|@import|url\(", page, re.IGNORECASE)
    assert "default-src 'none'" in page  # Content-Security-Policy: the browser fetches nothing


def test_a_value_cannot_break_out_of_the_page(tmp_path: Path) -> None:
    """Even a rule message (from our own code, never a row) is escaped by Jinja."""
    findings = fnd.frame(
        [
            {
                "check_name": "dfe_903_rules",
                "rule_code": "X",
                "message": SCRIPT,
                "severity": "warning",
            }
        ]
    )
    fnd.write_csv(findings, fnd.summary(findings), tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert SCRIPT not in page and "&lt;script&gt;" in page


def test_in_a_real_browser_it_runs_nothing_and_fetches_nothing(quality: Path) -> None:
    from dagster_project.publication.browser_check import check_report

    seen = check_report(quality / "index.html")
    assert seen.title == "Data quality: refused"
    assert seen.scripts == 0
    assert seen.external_resources == []
    assert seen.console_errors == []
