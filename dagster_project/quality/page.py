"""The quality page, `quality/index.html`: what the gate found, for a person, offline.

It replaces Great Expectations' Data Docs, which show the failing values verbatim (a
`<script>` in a date of birth ran in the browser), list child IDs, and load their scripts
and fonts from CDNs (a blank page on a council network, and a request telling those hosts
someone opened it). GX still runs every validation; only its docs site is gone.

This page holds counts, rule codes, messages, tables and fields: never a child's ID or a
value (the caseworker detail stays in `findings.csv`). It is rendered by Jinja2 with
autoescaping, carries its CSS inline, no script, no external reference, and a
Content-Security-Policy that forbids the browser to fetch anything.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pandas as pd

TEMPLATES = Path(__file__).with_name("templates")
PAGE = "index.html"
CHECK_ORDER = ("landing", "mosaic_timeline", "gx_raw", "gx_staging", "gx_marts", "dfe_903_rules")


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [
        {
            k: ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else v)
            for k, v in r.items()
        }
        for r in frame.to_dict("records")
    ]


def render_page(findings: pd.DataFrame, summary: pd.DataFrame) -> str:
    """The page's HTML from the run's findings (counts only are read) and rule summary."""
    from dagster_project.quality.gate import CHECK_DESCRIPTIONS

    blocking = findings["blocking"].astype(bool) if len(findings) else pd.Series(dtype=bool)
    checks = []
    names = [*CHECK_ORDER, *sorted(set(summary.get("check_name", [])) - set(CHECK_ORDER))]
    for name in names:
        mine = findings[findings["check_name"] == name] if len(findings) else findings
        mine_blocking = mine["blocking"].astype(bool) if len(mine) else pd.Series(dtype=bool)
        checks.append(
            {
                "name": name,
                "description": CHECK_DESCRIPTIONS.get(name, ""),
                "blocking": int(mine_blocking.sum()),
                "warnings": int((~mine_blocking).sum()),
                "rules": int(mine["rule_code"].nunique()) if len(mine) else 0,
            }
        )
    columns = [
        "check_name",
        "rule_code",
        "message",
        "severity",
        "table_name",
        "fields",
        "status",
        "failing_rows",
        "children",
        "blocking",
    ]
    shown = summary.reindex(columns=columns)
    failing = shown[shown["failing_rows"].fillna(0).astype(int) > 0]
    failing = failing.sort_values(["blocking", "failing_rows"], ascending=[False, False])
    status = shown["status"].fillna("ran").astype(str)
    blocking_rules = sorted(set(findings.loc[blocking, "rule_code"])) if len(findings) else []
    return (
        _environment()
        .get_template("quality.html.j2")
        .render(
            generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
            status_text="refused" if blocking.any() else "passed",
            blocking_rows=int(blocking.sum()),
            warning_rows=int((~blocking).sum()),
            blocking_rules=blocking_rules,
            checks=checks,
            failing=_records(failing),
            rules=_records(shown),
            passed_count=int(((shown["failing_rows"].fillna(0) == 0) & (status == "ran")).sum()),
            skipped_count=int((status != "ran").sum()),
        )
    )


def write_page(findings: pd.DataFrame, summary: pd.DataFrame, folder: Path) -> Path:
    path = folder / PAGE
    tmp = folder / f".{PAGE}.tmp"
    tmp.write_text(render_page(findings, summary), encoding="utf-8")
    tmp.replace(path)
    return path
