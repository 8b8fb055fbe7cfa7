"""The report's numbered key points: sentences drafted from `indicator_key_points`.

dbt decides which indicators make a key point and works out every comparison (on the figures
as shown); this module only words them, from the report's own suppressed figures, so a
sentence never says more than the tables. An indicator whose figure is suppressed gets no
key point: saying it is red, amber or moving would disclose what its "c" hides. Wording is
fixed, so the same figures always give the same sentences (tests check each one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dagster_project.publication.figures import Figure, make_figure
from dagster_project.publication.periods import long_label
from dagster_project.publication.suppression import is_small

if TYPE_CHECKING:
    from dagster_project.publication.report_data import KeyPoint, KpiRow, ReportData

RAG_WORDS = {"red": "red", "amber": "amber", "green": "green"}
MOVE_WORDS = {"up": "up from", "down": "down from", "equal": "unchanged from"}
POSITION_WORDS = {"up": "above", "down": "below", "equal": "level with"}


def _shown(f: Figure) -> bool:
    return f.number is not None


def _target_clause(k: KpiRow, polarity: str) -> str:
    if k.rag not in RAG_WORDS or not _shown(k.target):
        return ""
    if k.rag == "green":
        return f", meeting its target of {k.target.text} (green)"
    side = "below" if polarity == "higher_is_better" else "above"
    near = "just " if k.rag == "amber" else ""
    return f", {near}{side} its target of {k.target.text} ({k.rag})"


def _assessed(assessment: Any) -> str:
    return f" ({assessment})" if assessment in ("better", "worse") else ""


def _movement(k: KpiRow, f: dict[str, Any]) -> str:
    parts = []
    if _shown(k.previous) and f.get("quarter_direction") in MOVE_WORDS:
        when = long_label(f["previous_period_end"])
        parts.append(
            f"{MOVE_WORDS[f['quarter_direction']]} {k.previous.text} at {when}"
            f"{_assessed(f.get('quarter_assessment'))}"
        )
    if _shown(k.year_ago) and f.get("year_direction") in MOVE_WORDS:
        parts.append(
            f"{MOVE_WORDS[f['year_direction']]} {k.year_ago.text} a year earlier"
            f"{_assessed(f.get('year_assessment'))}"
        )
    return f" It is {' and '.join(parts)}." if parts else ""


def _position(k: KpiRow, f: dict[str, Any], year_label: str) -> str:
    parts = []
    if _shown(k.sn_average) and f.get("sn_position") in POSITION_WORDS:
        parts.append(
            f"{POSITION_WORDS[f['sn_position']]} the statistical-neighbour average "
            f"({k.sn_average.text})"
        )
    if _shown(k.england) and f.get("england_position") in POSITION_WORDS:
        parts.append(f"{POSITION_WORDS[f['england_position']]} England ({k.england.text})")
    if not parts:
        return ""
    return f" It is {' and '.join(parts)} in DfE's {year_label} figures."


def _caveat(f: dict[str, Any], threshold: int) -> str:
    affected = int(f.get("dq_affected") or 0)
    if affected <= 0:
        return ""
    count = (
        f"fewer than {threshold}"
        if is_small(affected, threshold)
        else make_figure(affected, "count").text
    )
    return (
        f" Caveat: {count} of the children it counts have an unresolved record error, "
        "so the figure may change."
    )


def indicator_sentence(k: KpiRow, f: dict[str, Any], threshold: int) -> str:
    """One key point for one indicator (its value is shown)."""
    from dagster_project.publication.report_data import collection_year_label

    year = f.get("comparator_year")
    year_label = collection_year_label(int(year)) if year is not None else ""
    return (
        f"{k.title} (Indicator {k.number}) is {k.value.text}"
        f"{_target_clause(k, str(f.get('polarity')))}."
        f"{_movement(k, f)}{_position(k, f, year_label)}{_caveat(f, threshold)}"
    )


def draft_key_points(data: ReportData, facts: list[dict[str, Any]]) -> list[KeyPoint]:
    """The key points in order: the period's status, then one per flagged indicator."""
    from dagster_project.publication.report_data import KeyPoint, collection_year_label

    kpis = {k.indicator_id: k for k in data.kpis}
    points: list[KeyPoint] = []
    if data.provisional:
        published = (
            f" (the latest published is {collection_year_label(data.latest_published_year)})"
            if data.latest_published_year
            else ""
        )
        points.append(
            KeyPoint(
                None,
                None,
                f"The position at {long_label(data.period_end)} is provisional: DfE has not "
                f"yet published that collection year{published}.",
            )
        )
    for f in facts:
        k = kpis.get(f["indicator_id"])
        if k is None or not _shown(k.value):
            continue
        points.append(KeyPoint(k.indicator_id, k.number, indicator_sentence(k, f, data.threshold)))
    return points
