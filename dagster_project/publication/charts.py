"""Inline SVG charts for the report: no JavaScript, no external files, print-safe.

Charts are drawn from `Figure`s, so a suppressed value has no point and no bar, only a "c"
at its place: a chart can never show what the table hides.
"""

from __future__ import annotations

import math
from html import escape

from dagster_project.publication.figures import Figure
from dagster_project.publication.periods import quarter_label
from dagster_project.publication.report_data import Breakdown, Trend

INK = "#1d1d1b"
LINE = "#1d70b8"
TARGET = "#d4351c"
GRID = "#d8d8d8"
MUTED = "#505a5f"


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _tick_text(value: float, unit: str) -> str:
    text = f"{value:g}"
    return f"{text}%" if unit == "percent" else text


def trend_chart(trend: Trend, width: int = 340, height: int = 190) -> str:
    """A line chart of eight quarters; hollow markers for provisional figures.

    The target's label sits in the right-hand gutter, outside the plot, so it can never
    collide with a value label (the browser test checks no two labels overlap).
    """
    left, right, top, bottom = 44, 40, 22, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [p.figure.number for p in trend.points if p.figure.number is not None]
    ceiling = max([*numbers, trend.target or 0.0, 0.0])
    if trend.unit == "percent":
        ceiling = min(max(ceiling * 1.15, 10.0), 100.0)
    else:
        ceiling = max(ceiling * 1.15, 10.0)
    ticks = nice_ticks(ceiling)
    y_max = ticks[-1]
    n = max(len(trend.points), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return top + plot_h - plot_h * (v / y_max)

    out = [
        f'<svg class="chart trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(trend.title)}: eight-quarter trend">',
        f"<title>{escape(trend.title)}</title>",
    ]
    for t in ticks:
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text class="tick" x="{left - 5}" y="{y(t) + 3.5:.1f}" text-anchor="end" '
            f'font-size="10" fill="{MUTED}">{_tick_text(t, trend.unit)}</text>'
        )
    if trend.target is not None and trend.target <= y_max:
        out.append(
            f'<line class="target" x1="{left}" x2="{width - right}" y1="{y(trend.target):.1f}" '
            f'y2="{y(trend.target):.1f}" stroke="{TARGET}" stroke-width="1.5" '
            'stroke-dasharray="5 4"/>'
            f'<text class="target-label" x="{width - right + 3}" y="{y(trend.target) + 3:.1f}" '
            f'text-anchor="start" font-size="9" fill="{TARGET}">Target</text>'
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, point in enumerate(trend.points):
        if point.figure.number is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(point.figure.number):.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            out.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="{LINE}" stroke-width="2"/>'
            )
    for i, point in enumerate(trend.points):
        fig = point.figure
        out.append(
            f'<text class="axis" x="{x(i):.1f}" y="{height - 10}" text-anchor="middle" '
            f'font-size="9.5" fill="{MUTED}">{quarter_label(point.period_end)}</text>'
        )
        if fig.number is None:
            out.append(
                f'<text class="value-label {fig.css}" x="{x(i):.1f}" y="{top + plot_h - 4:.1f}" '
                f'text-anchor="middle" font-size="10" fill="{MUTED}">{escape(fig.text)}</text>'
            )
            continue
        fill = "#ffffff" if fig.provisional else LINE
        out.append(
            f'<circle class="point" cx="{x(i):.1f}" cy="{y(fig.number):.1f}" r="3.5" '
            f'fill="{fill}" stroke="{LINE}" stroke-width="1.8"/>'
            f'<text class="value-label {fig.css}" x="{x(i):.1f}" y="{y(fig.number) - 7:.1f}" '
            f'text-anchor="middle" font-size="9.5" fill="{INK}">{escape(fig.text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def breakdown_chart(breakdown: Breakdown, width: int = 340) -> str:
    """Horizontal bars of each category's percentage; a hidden cell gets no bar."""
    row_h, left, right, top = 18, 150, 44, 6
    height = top * 2 + row_h * len(breakdown.rows)
    plot_w = width - left - right
    out = [
        f'<svg class="chart bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(breakdown.title)}: percentage by category">',
        f"<title>{escape(breakdown.title)}</title>",
    ]
    for i, row in enumerate(breakdown.rows):
        y0 = top + i * row_h
        label = row.label if len(row.label) <= 26 else row.label[:25] + "…"
        out.append(
            f'<text x="{left - 6}" y="{y0 + 12.5}" text-anchor="end" font-size="10" '
            f'fill="{INK}">{escape(label)}</text>'
        )
        fig: Figure = row.percent
        if fig.number is None:
            out.append(
                f'<text class="value-label {fig.css}" x="{left + 4}" y="{y0 + 12.5}" '
                f'font-size="10" fill="{MUTED}">{escape(fig.text)}</text>'
            )
            continue
        bar = plot_w * min(max(fig.number, 0.0), 100.0) / 100.0
        out.append(
            f'<rect class="bar" x="{left}" y="{y0 + 3}" width="{bar:.1f}" height="{row_h - 6}" '
            f'fill="{LINE}"/>'
            f'<text class="value-label {fig.css}" x="{left + bar + 4:.1f}" y="{y0 + 12.5}" '
            f'font-size="10" fill="{INK}">{escape(fig.text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
