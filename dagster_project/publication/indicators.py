"""What the report needs to know about each indicator: title, unit, polarity, headline, theme.

The indicator metadata seed and `indicator_report` are the authority; these defaults only
fill a gap (a column not there, an indicator the seed does not list), so the report never
fails on metadata and the analyst sees which values came from where in the docs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Headline indicators drawn as eight-quarter trend charts when the seed has no headline flag.
DEFAULT_HEADLINES = (
    "cla_at_period_end",
    "cla_rate_per_10k",
    "cla_started",
    "placements_3plus_pct",
    "long_term_stability_pct",
    "placed_over_20_miles_pct",
    "missing_incident_pct",
    "review_participation_pct",
)

# Theme of an indicator, by id prefix, in the order the Panel reads them.
THEMES = (
    ("care_leavers_", "Care leavers"),
    ("cla_by_", "Characteristics"),
    ("uasc", "Characteristics"),
    ("cla_", "Children looked after"),
    ("adoptions", "Permanence"),
    ("sgos", "Permanence"),
    ("placements_", "Placement stability"),
    ("long_term_", "Placement stability"),
    ("health_", "Health"),
    ("dental_", "Health"),
    ("immunisations", "Health"),
    ("sdq_", "Health"),
    ("missing_", "Missing from care"),
    ("away_", "Missing from care"),
    ("placed_", "Placement location"),
    ("distance_", "Placement location"),
    ("review_", "Reviews"),
)
THEME_ORDER = (
    "Children looked after",
    "Permanence",
    "Characteristics",
    "Placement stability",
    "Placement location",
    "Health",
    "Missing from care",
    "Reviews",
    "Care leavers",
    "Other",
)


@dataclass(frozen=True)
class IndicatorMeta:
    indicator_id: str
    title: str
    unit: str  # count, percent, rate, score
    polarity: str  # high (higher is better), low, neutral
    headline: bool
    theme: str
    order: int = 10_000  # display order of the seed; unknown indicators last
    kind: str = "value"  # value or breakdown
    total_indicator_id: str | None = None  # a breakdown's total
    decimals: int | None = None  # rounding of the seed; None: DfE's for the unit


def theme(indicator_id: str) -> str:
    for prefix, name in THEMES:
        if indicator_id.startswith(prefix):
            return name
    return "Other"


def default_unit(indicator_id: str) -> str:
    if indicator_id.endswith("_pct"):
        return "percent"
    if "per_10k" in indicator_id:
        return "rate"
    if indicator_id.endswith("_score"):
        return "score"
    return "count"


def normalise_unit(value: object, indicator_id: str) -> str:
    text = str(value or "").strip().lower()
    if text in {"percent", "percentage", "pct", "%"}:
        return "percent"
    if text.startswith("rate") or "10k" in text or "10000" in text:
        return "rate"
    if text in {"score", "mean", "average"}:
        return "score"
    if text in {"count", "number", "n"}:
        return "count"
    return default_unit(indicator_id)


def normalise_polarity(value: object) -> str:
    text = str(value or "").strip().lower()
    if "high" in text or text in {"up", "+", "higher", "increase"}:
        return "high"
    if "low" in text or text in {"down", "-", "lower", "decrease"}:
        return "low"
    return "neutral"


def humanise(indicator_id: str) -> str:
    text = indicator_id.replace("_pct", " (%)").replace("_", " ").replace("cla", "CLA")
    return text[:1].upper() + text[1:]


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes", "y", "t"}


def build_meta(
    indicator_ids: Iterable[str], sources: Iterable[Mapping[str, object]]
) -> dict[str, IndicatorMeta]:
    """Merge metadata rows (seed first, then `indicator_report`) over the defaults."""
    merged: dict[str, dict[str, object]] = {i: {} for i in indicator_ids}
    for row in sources:
        key = str(row.get("indicator_id") or row.get("id") or "")
        if not key:
            continue
        target = merged.setdefault(key, {})
        for field, value in row.items():
            if value is not None and field not in target:
                target[field] = value
    seed_has_headline = any("headline" in m for m in merged.values())
    result = {}
    for key, row in merged.items():
        headline = _truthy(row.get("headline")) if seed_has_headline else key in DEFAULT_HEADLINES
        order, decimals = row.get("display_order"), row.get("decimals")
        result[key] = IndicatorMeta(
            indicator_id=key,
            title=str(row.get("title") or humanise(key)),
            unit=normalise_unit(row.get("unit"), key),
            polarity=normalise_polarity(row.get("polarity")),
            headline=headline,
            theme=str(row.get("theme") or theme(key)),
            order=int(order) if order is not None else 10_000,
            kind=str(row.get("kind") or ("breakdown" if key.startswith("cla_by_") else "value")),
            total_indicator_id=str(row["total_indicator_id"])
            if row.get("total_indicator_id")
            else None,
            decimals=int(decimals) if decimals is not None else None,
        )
    return result


def theme_rank(meta: Mapping[str, IndicatorMeta]) -> dict[str, tuple[int, int]]:
    """Themes in the seed's display order (the lowest order of their indicators); themes
    the seed does not give fall back to THEME_ORDER after them."""
    first: dict[str, int] = {}
    for m in meta.values():
        if m.order < 10_000:
            first[m.theme] = min(first.get(m.theme, m.order), m.order)
    ranks = {t: (0, o) for t, o in first.items()}
    for i, name in enumerate(THEME_ORDER):
        ranks.setdefault(name, (1, i))
    return ranks
