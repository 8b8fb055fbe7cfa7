"""Render the Panel report as one self-contained HTML file (inline CSS and SVG, no script)."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import jinja2

from dagster_project.publication.charts import breakdown_chart, trend_chart
from dagster_project.publication.panel_sections import split_sections
from dagster_project.publication.periods import collection_year, long_label
from dagster_project.publication.report_data import ReportData, collection_year_label

TEMPLATES = Path(__file__).with_name("templates")
RAG_TEXT = {"green": "Green", "amber": "Amber", "red": "Red", "none": "No target", "c": "c"}
SOURCE_TEXT = {"mosaic": "Mosaic extract", "ssda903": "SSDA903 return"}


def extracted_label(data: ReportData) -> str:
    """ "31 March 2026 (Mosaic extract)": the date of the data, the header's first fact."""
    source = SOURCE_TEXT.get(data.source_system, data.source_system)
    if data.data_extracted is None:
        return f"not recorded ({source})" if source else "not recorded"
    return (
        f"{long_label(data.data_extracted)} ({source})"
        if source
        else long_label(data.data_extracted)
    )


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )


def render_html(data: ReportData) -> str:
    template = _environment().get_template("report.html.j2")
    # CIN/CP, out-of-borough and disability figures in their own sections (panel_sections)
    data, sections = split_sections(data)
    panel_svgs = [
        {
            "trends": [trend_chart(t) for t in s.trends],
            "breakdowns": [breakdown_chart(b) for b in s.breakdowns],
        }
        for s in sections
    ]
    period_long = long_label(data.period_end)
    return template.render(
        data=data,
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
        period_long=period_long,
        period_short=data.period_end.strftime("%b %Y"),
        year_label=collection_year_label(collection_year(data.period_end)),
        published_label=collection_year_label(data.latest_published_year)
        if data.latest_published_year
        else "",
        care_leavers_long=long_label(data.care_leavers_period) if data.care_leavers_period else "",
        kpi_groups=[(theme, list(rows)) for theme, rows in groupby(data.kpis, lambda k: k.theme)],
        comparator_groups=[
            (indicator, list(rows))
            for indicator, rows in groupby(data.comparators, lambda r: r.indicator_id)
        ],
        extracted=extracted_label(data),
        trend_svgs=[trend_chart(t) for t in data.trends],
        breakdown_svgs=[breakdown_chart(b) for b in data.breakdowns],
        rag_text=RAG_TEXT,
        panel_sections=sections,
        panel_svgs=panel_svgs,
        year_label_of=collection_year_label,
    )
