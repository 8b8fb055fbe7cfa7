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
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import jinja2

from dagster_project.quality.checks import CHECK_DESCRIPTIONS

TEMPLATES = Path(__file__).with_name("templates")
PAGE = "index.html"
CHECK_ORDER = ("landing", "mosaic_timeline", "gx_raw", "gx_staging", "gx_marts", "dfe_903_rules")


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _blank_as_empty(row: dict[str, object]) -> dict[str, object]:
    return {k: ("" if v is None else v) for k, v in row.items()}


def _failing_first(row: dict[str, object]) -> tuple[int, int]:
    """Blocking rules first (then not blocking, then unknown), most failing rows first."""
    order = {True: 0, False: 1}.get(row["blocking"], 2)
    return order, -int(row["failing_rows"] or 0)


def render_page(con: duckdb.DuckDBPyConnection, findings: str, summary: str) -> str:
    """The page's HTML from the run's findings (counts only are read) and rule summary:
    names of relations of `con` (`findings.write_files`)."""
    from dagster_project.quality.findings import SUMMARY_COLUMNS

    per_check = {
        name: (int(blocking), int(warnings), int(rules))
        for name, blocking, warnings, rules in con.execute(
            f"""
            select check_name,
                count(*) filter (where coalesce(blocking, false)),
                count(*) filter (where not coalesce(blocking, false)),
                count(distinct rule_code)
            from {findings} group by check_name
            """
        ).fetchall()
    }
    blocking_rules = [
        row[0]
        for row in con.execute(
            f"select distinct rule_code from {findings} where coalesce(blocking, false) "
            "and rule_code is not null order by rule_code"
        ).fetchall()
    ]
    result = con.execute(f"select {', '.join(SUMMARY_COLUMNS)} from {summary}")
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    named = {r["check_name"] for r in rows if r["check_name"] is not None}
    checks = []
    for name in [*CHECK_ORDER, *sorted(named - set(CHECK_ORDER))]:
        blocking, warnings, rules = per_check.get(name, (0, 0, 0))
        checks.append(
            {
                "name": name,
                "description": CHECK_DESCRIPTIONS.get(name, ""),
                "blocking": blocking,
                "warnings": warnings,
                "rules": rules,
            }
        )
    failing = sorted((r for r in rows if (r["failing_rows"] or 0) > 0), key=_failing_first)
    status = [r["status"] or "ran" for r in rows]
    blocking_rows = sum(b for b, _, _ in per_check.values())
    warning_rows = sum(w for _, w, _ in per_check.values())
    return (
        _environment()
        .get_template("quality.html.j2")
        .render(
            generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
            status_text="refused" if blocking_rows else "passed",
            blocking_rows=blocking_rows,
            warning_rows=warning_rows,
            blocking_rules=blocking_rules,
            checks=checks,
            failing=[_blank_as_empty(r) for r in failing],
            rules=[_blank_as_empty(r) for r in rows],
            passed_count=sum(
                1
                for r, st in zip(rows, status, strict=True)
                if not r["failing_rows"] and st == "ran"
            ),
            skipped_count=sum(1 for st in status if st != "ran"),
        )
    )


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A scratch name beside `path` to write to, renamed onto `path` when the block ends
    without error and removed otherwise: a reader sees the old file or the new one, and two
    commands writing one folder never share a half-written file."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        yield tmp
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_page(con: duckdb.DuckDBPyConnection, findings: str, summary: str, folder: Path) -> Path:
    path = folder / PAGE
    with written_whole(path) as tmp:
        tmp.write_text(render_page(con, findings, summary), encoding="utf-8")
    return path
