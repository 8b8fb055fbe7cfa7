"""The Panel report's sections beyond children looked after (issue 15, the 2010 report).

The 2010 "CLA & CPP Activity and Performance Report" read children in need and child
protection beside children looked after, an analysis of out-of-borough placements and
children with disabilities. These sections take their rows out of the report's gathered
data (`ReportData`: already suppressed and rounded, so nothing here sees a raw count), so
the general KPI table, trends and characteristics keep the CLA figures and each figure
appears once:

- children in need and child protection: the KPI rows of the themes "Children in need" and
  "Child protection" (value, target, RAG, previous quarter, a year ago, statistical
  neighbours, England), their eight-quarter trends, and the plan breakdowns;
- out-of-borough placements: the "Placement location" KPI rows and the breakdowns by
  placement area and distance band (from the episodes' postcodes, as before);
- children with disabilities among children looked after: `cla_disabled_pct` with its
  comparators and trend.

Kept in its own module and template (`templates/panel_sections.html.j2`) so the report's
layout can change around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dagster_project.publication.report_data import Breakdown, KpiRow, ReportData, Trend

CIN_THEMES = ("Children in need", "Child protection")
CIN_BREAKDOWNS = ("cpp_by_category", "cpp_by_duration")
OUT_OF_BOROUGH_THEME = "Placement location"
OUT_OF_BOROUGH_BREAKDOWNS = ("cla_by_placement_area", "cla_by_distance_band")
DISABILITY_INDICATORS = ("cla_disabled_pct",)


@dataclass
class PanelSection:
    """One section: its anchor, heading, KPI rows, trends and breakdowns."""

    anchor: str
    title: str
    intro: str
    kpis: list[KpiRow] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    empty: str = ""

    @property
    def has_figures(self) -> bool:
        return bool(self.kpis or self.trends or self.breakdowns)


def _owns(section: str, indicator_id: str, theme: str | None) -> bool:
    if section == "cin":
        return theme in CIN_THEMES or indicator_id in CIN_BREAKDOWNS
    if section == "out_of_borough":
        return theme == OUT_OF_BOROUGH_THEME or indicator_id in OUT_OF_BOROUGH_BREAKDOWNS
    return indicator_id in DISABILITY_INDICATORS


def split_sections(data: ReportData) -> tuple[ReportData, list[PanelSection]]:
    """The report's data without the rows these sections show, and the sections."""
    themes = {k.indicator_id: k.theme for k in data.kpis}
    sections = [
        PanelSection(
            "children-in-need",
            "Children in need and child protection",
            "Children in need, referrals and assessments, section 47 enquiries, initial "
            "conferences and child protection plans. Working days exclude weekends and "
            "England's bank holidays. Statistical neighbours and England are from DfE's "
            '"Children in need" release.',
            empty="No children in need or child protection figures: no CIN census returns or "
            "Mosaic CIN files were given for this run.",
        ),
        PanelSection(
            "out-of-borough",
            "Out-of-borough placements",
            "Where children looked after at the reporting date are placed: inside the LA, in "
            "another authority, and the straight-line distance from home to placement.",
            empty="No placement location figures for this period.",
        ),
        PanelSection(
            "disabilities",
            "Children with disabilities among children looked after",
            "Children looked after at the reporting date with at least one disability recorded.",
            empty="No disability figures for this period.",
        ),
    ]
    keys = ("cin", "out_of_borough", "disabilities")

    def owner(indicator_id: str, theme: str | None) -> PanelSection | None:
        for key, section in zip(keys, sections, strict=True):
            if _owns(key, indicator_id, theme):
                return section
        return None

    kpis, trends, breakdowns = [], [], []
    for k in data.kpis:
        (section.kpis if (section := owner(k.indicator_id, k.theme)) else kpis).append(k)
    for t in data.trends:
        section = owner(t.indicator_id, themes.get(t.indicator_id))
        (section.trends if section else trends).append(t)
    for b in data.breakdowns:
        section = owner(b.indicator_id, None)
        (section.breakdowns if section else breakdowns).append(b)
    core = replace(data, kpis=kpis, trends=trends, breakdowns=breakdowns)
    return core, sections
