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


def _records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, object]]:
    """The query's rows as dicts, a blank shown as an empty cell."""
    result = con.execute(sql)
    names = [d[0] for d in result.description]
    return [
        {k: ("" if v is None else v) for k, v in zip(names, row, strict=True)}
        for row in result.fetchall()
    ]


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
    named = {
        row[0]
        for row in con.execute(f"select distinct check_name from {summary}").fetchall()
        if row[0] is not None
    }
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
    shown = f"(select *, row_number() over () as _n from {summary})"
    columns = ", ".join(SUMMARY_COLUMNS)
    failing = _records(
        con,
        f"select {columns} from {shown} where coalesce(failing_rows, 0) > 0 "
        "order by blocking desc nulls last, failing_rows desc, _n",
    )
    rules = _records(con, f"select {columns} from {shown} order by _n")
    blocking_rows, warning_rows = con.execute(
        "select count(*) filter (where coalesce(blocking, false)), "
        f"count(*) filter (where not coalesce(blocking, false)) from {findings}"
    ).fetchone()
    blocking_rules = [
        row[0]
        for row in con.execute(
            f"select distinct rule_code from {findings} where coalesce(blocking, false) "
            "and rule_code is not null order by rule_code"
        ).fetchall()
    ]
    passed, skipped = con.execute(
        "select count(*) filter (where coalesce(failing_rows, 0) = 0 "
        "and coalesce(status, 'ran') = 'ran'), "
        f"count(*) filter (where coalesce(status, 'ran') != 'ran') from {summary}"
    ).fetchone()
    return (
        _environment()
        .get_template("quality.html.j2")
        .render(
            generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
            status_text="refused" if blocking_rows else "passed",
            blocking_rows=int(blocking_rows),
            warning_rows=int(warning_rows),
            blocking_rules=blocking_rules,
            checks=checks,
            failing=failing,
            rules=rules,
            passed_count=int(passed),
            skipped_count=int(skipped),
        )
    )


def write_page(con: duckdb.DuckDBPyConnection, findings: str, summary: str, folder: Path) -> Path:
    path = folder / PAGE
    tmp = folder / f".{PAGE}.{uuid.uuid4().hex}.tmp"
    try:
        tmp.write_text(render_page(con, findings, summary), encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
