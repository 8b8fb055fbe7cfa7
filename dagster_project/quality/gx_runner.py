"""Great Expectations suites (files in `expectations/`) run on frames read from DuckDB.

GX's SQL data source fails on DuckDB (shared/notes/stack.md), so each table is read into
pandas, in chunks, and validated as a batch of a validation definition's data in an
in-memory (ephemeral) GX context, directly (a checkpoint around it, with no actions, added
40% to each validation's fixed cost, about 0.05 s: docs/benchmarks.md, eleventh session;
nor are results stored), first for verdicts only, then for the rows of what failed
(`GxRunner.failing_rows`): nothing GX writes lands in the repository, and progress bars
and analytics are off. Code
lists and the date form are suite parameters filled from their one definition
(dbt/seeds/code_lists.csv, dbt_project.yml `date_forms`), so a suite file never copies
them. Failing rows become findings. GX's Data Docs are not built: they show failing values
verbatim, list child IDs and load scripts from CDNs; `quality/page.py` writes our own page.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from dagster_project.codes import _rows as code_rows
from dagster_project.date_forms import text_regex
from dagster_project.quality import findings as fnd
from dagster_project.quality.context import columns
from dagster_project.quality.suites import SuiteFile, load_suites
from dagster_project.settings import EXPECTATIONS_DIR

LAYERS = ("raw", "staging", "marts")
CHUNK_ROWS = 200_000
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def suite_parameters() -> dict[str, object]:
    """`codes_<FIELD>` (a list) and `code_regex_<FIELD>` (raw text: any case, spaces, blank)
    of every code valid in any year (a Mosaic extract's text spans years; the DfE rules
    check each return against its own year's lists), and `date_regex` (an accepted date
    form, or blank: the one date definition, date_forms)."""
    lists: dict[str, list[str]] = {}
    for field_name, code, _, _ in code_rows():
        lists.setdefault(field_name, []).append(code)
    params: dict[str, object] = {"date_regex": text_regex()}
    for field_name, values in lists.items():
        params[f"codes_{field_name}"] = sorted(values)
        alternatives = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
        params[f"code_regex_{field_name}"] = rf"(?i)^\s*(?:{alternatives})?\s*$"
    return params


# Python's `\s` (str patterns: every character whose str.isspace() is true) spelled out. GX
# checks a regex with pandas' `str.contains`; pandas runs a pattern holding `\s` through
# Python's `re`, one row at a time (RE2's `\s` is ASCII-only), but a character class of the
# same characters through pyarrow's RE2 over the whole column: a third of the GX suites'
# time at 250,000 children (docs/benchmarks.md). Same matches, checked value by value in
# tests/quality/test_gx_regex.py.
@functools.cache
def _whitespace() -> str:
    return "[" + "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) + "]"


def arrow_regex(pattern: str) -> str:
    r"""`pattern` with each `\s` outside a character class written as the class of the
    characters Python's `\s` matches; unchanged when it has a `\s` inside a class or a
    `\S` (then pandas uses Python's `re` for it, as before)."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            if escaped == "S" or (escaped == "s" and in_class):
                return pattern
            out.append(_whitespace() if escaped == "s" else char + escaped)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            # a class's first character (after ^) is literal, even "]"
            opening = "[^" if pattern[i + 1 : i + 2] == "^" else "["
            i += len(opening)
            out.append(opening)
            if pattern[i : i + 1] == "]":
                out.append("]")
                i += 1
            continue
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def _arrow_regexes(kwargs: dict[str, object]) -> dict[str, object]:
    regex = kwargs.get("regex")
    return {**kwargs, "regex": arrow_regex(regex)} if isinstance(regex, str) else kwargs


def _no_fingerprints() -> None:
    """GE hashes every frame under `HASH_THRESHOLD` bytes (1 GB) it validates, for a
    fingerprint in the result's batch markers: we never read it, and it was 30-45% of a
    200,000-row chunk's validation (docs/benchmarks.md, eleventh session). GE has no option
    for it; its module constant is the switch (tests/quality/test_quality_gx.py fails if an
    upgrade makes it hash again)."""
    from great_expectations.execution_engine import pandas_execution_engine

    pandas_execution_engine.HASH_THRESHOLD = 0


@dataclass
class GxRun:
    findings: pd.DataFrame
    stats: pd.DataFrame  # check_name, rule_code, message, severity, table_name, status
    suites_run: list[str] = field(default_factory=list)


class GxRunner:
    """One ephemeral GX context for a run: every suite's validations (no Data Docs site)."""

    def __init__(self, chunk_rows: int = CHUNK_ROWS) -> None:
        from dagster_project.quality.gx_import import great_expectations

        gx = great_expectations()
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        self._gx = gx
        _no_fingerprints()
        self.context = gx.get_context(
            project_config=DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(),
                progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
                analytics_enabled=False,
            )
        )
        self.chunk_rows = chunk_rows
        self._validations: dict[str, Any] = {}
        self.source = self.context.data_sources.add_pandas("warehouse")
        self.params = {
            k: arrow_regex(v) if "regex" in k and isinstance(v, str) else v
            for k, v in suite_parameters().items()
        }

    def _validation(self, suite: SuiteFile):
        from great_expectations.core import ExpectationSuite

        gx = self._gx
        expectations = [
            {**e, "kwargs": _arrow_regexes(e.get("kwargs") or {})}
            for e in suite.body["expectations"]
        ]
        built = ExpectationSuite(
            name=suite.name,
            expectations=expectations,
            meta=suite.body.get("meta"),
            notes=suite.body.get("notes") or None,
        )
        if len(built.expectations) != len(suite.body["expectations"]):
            # GX logs and drops an expectation it cannot build: never check less than asked
            raise ValueError(f"{suite.path}: an expectation is not valid in GX (see the log)")
        gx_suite = self.context.suites.add(built)
        asset = self.source.add_dataframe_asset(suite.name)
        batch = asset.add_batch_definition_whole_dataframe("frame")
        return self.context.validation_definitions.add(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
        )

    def failing_rows(
        self,
        suite: SuiteFile,
        check: str,
        chunk: pa.RecordBatch | pd.DataFrame,
        severity_of: dict[str, str],
    ) -> list[dict[str, object]]:
        """The findings of one chunk of `suite`'s rows (a `Validate`).

        Two passes: the suite at GE's BOOLEAN_ONLY result format (most chunks pass every
        expectation, and GE then leaves out the metrics that list failing rows: a third of
        a validation's cost, docs/benchmarks.md, fourteenth session), then each expectation
        that failed alone at COMPLETE, for its rows. Each expectation is validated on its
        own metrics, so the rows are those the suite at COMPLETE gives
        (tests/quality/test_gx_two_passes.py)."""
        frame = chunk if isinstance(chunk, pd.DataFrame) else chunk.to_pandas()
        validation = self._validations.get(suite.name)
        if validation is None:
            validation = self._validations[suite.name] = self._validation(suite)
        batch = validation.batch_definition.get_batch(batch_parameters={"dataframe": frame})
        verdicts = batch.validate(
            validation.suite,
            expectation_parameters=self.params,
            result_format={"result_format": "BOOLEAN_ONLY"},
        )
        rows: list[dict[str, object]] = []
        for verdict in verdicts.results:
            if not verdict.success:
                outcome = batch.validate(
                    verdict.expectation_config.to_domain_obj(),
                    expectation_parameters=self.params,
                    result_format={"result_format": "COMPLETE"},
                )
                rows.extend(_failing_rows(check, suite, outcome, frame, severity_of))
        return rows

    def run_layer(
        self,
        con: duckdb.DuckDBPyConnection,
        layer: str,
        source_system: str,
        severity_of: dict[str, str] | None = None,
        root: Path = EXPECTATIONS_DIR,
    ) -> GxRun:
        """`run_layer` with this process's GX."""
        return run_layer(
            con, layer, source_system, self.failing_rows, self.chunk_rows, severity_of, root
        )


# GX's findings for one chunk of a suite's rows: `GxRunner.failing_rows` in this process, or
# the same in Great Expectations' own process (`quality/gx_process.py`)
Validate = Callable[
    [SuiteFile, str, "pa.RecordBatch | pd.DataFrame", dict[str, str]], list[dict[str, object]]
]


def run_layer(
    con: duckdb.DuckDBPyConnection,
    layer: str,
    source_system: str,
    validate: Validate,
    chunk_rows: int = CHUNK_ROWS,
    severity_of: dict[str, str] | None = None,
    root: Path = EXPECTATIONS_DIR,
) -> GxRun:
    """Validate every suite of `layer` whose table exists and whose source this run uses."""
    check = f"gx_{layer}"
    severity_of = severity_of or {}
    rows: list[dict[str, object]] = []
    stats: list[dict[str, object]] = []
    run = GxRun(findings=fnd.empty(), stats=pd.DataFrame())
    for suite in load_suites(layer, root):
        schema, table = suite.schema_table
        exists = bool(columns(con, schema, table))
        if suite.source not in (None, source_system) or not exists:
            status = "skipped: not this source" if exists else f"skipped: no {suite.table}"
            stats.extend(_stats(check, suite, status, severity_of))
            continue
        for chunk in _chunks(con, suite.query or f"select * from {suite.table}", chunk_rows):
            rows.extend(validate(suite, check, chunk, severity_of))
        run.suites_run.append(suite.name)
        stats.extend(_stats(check, suite, "ran", severity_of))
    run.findings = fnd.frame(rows)
    run.stats = pd.DataFrame(stats)
    return run


def _severity(expectation_meta: dict, severity_of: dict[str, str]) -> str:
    return severity_of.get(expectation_meta["id"], expectation_meta.get("severity", "warning"))


def _stats(check: str, suite: SuiteFile, status: str, severity_of: dict[str, str]):
    for expectation in suite.body["expectations"]:
        meta = expectation["meta"]
        yield {
            "check_name": check,
            "rule_code": meta["id"],
            "message": meta.get("message", expectation["type"]),
            "severity": _severity(meta, severity_of),
            "table_name": suite.table,
            "status": status,
        }


def _chunks(
    con: duckdb.DuckDBPyConnection, query: str, rows: int
) -> Iterator[pa.RecordBatch | pd.DataFrame]:
    """The query's rows as Arrow batches of at most `rows` rows; no rows: one empty frame
    of the query's columns (always at least one chunk)."""
    reader = con.sql(query).to_arrow_reader(rows)
    yielded = False
    for batch in reader:
        yielded = True
        yield batch
    if not yielded:
        yield con.execute(f"select * from ({query}) limit 0").df()


def _failing_rows(check, suite, outcome, chunk: pd.DataFrame, severity_of) -> list[dict]:
    config = outcome.expectation_config
    meta = config.meta or {}
    kwargs = config.kwargs
    fields = kwargs.get("column_list") or [
        kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs
    ]
    base = {
        "check_name": check,
        "rule_code": meta.get("id", config.type),
        "message": meta.get("message", config.type),
        "severity": _severity(meta, severity_of),
        "table_name": suite.table,
        "fields": ", ".join(fields),
    }
    indexes = (outcome.result or {}).get("unexpected_index_list")
    if not indexes:
        # a table-level failure (a missing column, a row count): one finding, no row
        return [{**base, "field_values": None}]
    picked = chunk.iloc[[i for i in indexes if isinstance(i, int)]] if indexes else chunk[:0]
    present = [f for f in fields if f in picked.columns]
    rows = []
    for _, row in picked.iterrows():
        rows.append(
            {
                **base,
                "child_id": _text(row.get(suite.child_column)) if suite.child_column else None,
                "field_values": "; ".join(f"{f}={_text(row[f]) or '(blank)'}" for f in present),
                "source_file": _text(row.get("_source_file")),
                "row_number": row.get("_row_number"),
            }
        )
    return rows


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)
