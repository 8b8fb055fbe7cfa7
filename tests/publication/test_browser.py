"""The report in real headless Chromium (Debian's package): loads clean, renders, prints A4."""

from __future__ import annotations

from pathlib import Path

from dagster_project.publication.browser_check import check_report
from dagster_project.publication.publish import Publication


def test_report_renders_in_headless_chromium(publication: Publication, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    seen = check_report(publication.html, shot)
    assert seen.problems() == []
    assert seen.console_errors == []
    assert seen.title.startswith("Children looked after performance report")
    assert seen.kpi_rows == 12  # one per indicator_report row of the fixture
    assert seen.trend_charts == 5  # the five headline indicators with quarterly values
    assert len(seen.charts) == 5 + 6  # and one bar chart per breakdown shown
    assert all(c["w"] > 100 and c["h"] > 30 for c in seen.charts)
    assert seen.external_resources == []
    # nothing overflows horizontally on a 1280 px screen or on A4's 703 px text column,
    # and no two labels of any chart overlap (both layouts)
    assert seen.overflow_screen == [] and seen.overflow_print == []
    assert seen.label_overlaps == []
    assert seen.pdf_pages >= 6  # each section starts a new A4 page
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000


def test_the_check_fails_on_a_broken_page(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        "<script>console.error('boom'); undefinedFunction();</script></body></html>"
    )
    problems = check_report(page).problems()
    assert any("boom" in p for p in problems)
    assert any("undefinedFunction" in p or "Uncaught" in p for p in problems)
    assert "the KPI table has no rows" in problems
    assert "no chart rendered" in problems


def test_the_check_sees_overflow_and_overlapping_labels(tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>x</title><style>@media print "
        "{ table.narrow { width: 900px; } }</style></head><body>"
        '<table class="wide" style="width: 1500px"><tr><td>a</td></tr></table>'
        '<table class="narrow"><tr><td style="width: 20px; white-space: nowrap">'
        "a long number 1,234,567</td><td>b</td></tr></table>"
        '<svg class="chart" width="200" height="50" aria-label="demo"><text x="10" y="20">'
        'Target</text><text x="14" y="22">58%</text><circle cx="5" cy="5" r="2"/></svg>'
        "</body></html>"
    )
    seen = check_report(page)
    assert any("page" in o for o in seen.overflow_screen)
    assert any("table wide" in o for o in seen.overflow_screen)
    assert any("table narrow" in o for o in seen.overflow_print)
    assert seen.label_overlaps and '"Target" overlaps "58%"' in seen.label_overlaps[0]
    problems = seen.problems()
    assert any(p.startswith("overflow in print (A4)") for p in problems)
