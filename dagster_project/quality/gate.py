"""The gate: every check of a run, its findings in the warehouse and in `quality/`.

Called by the Dagster gate asset after the marts are built, and by the runner when a run
stopped before the gate (a rejected file, a failed dbt step), so `quality/` always shows
the latest run, passed or failed. Child IDs go to the findings files only; what this
returns for Dagster metadata and logs is counts and rule codes.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dagster_project.quality import findings as fnd
from dagster_project.quality import gx_process, impact, record_errors
from dagster_project.quality.checks import CHECKS, DFE_UNKNOWN_LABELS, TIMELINE_FAULTS
from dagster_project.quality.cin_return import census_years, prepare_census
from dagster_project.quality.cin_rules import run_cin_rules
from dagster_project.quality.config import QualityConfig, load_quality_config
from dagster_project.quality.context import columns, prepare
from dagster_project.quality.engine import RuleRun, run_rules
from dagster_project.quality.gx_runner import LAYERS, GxRun, GxRunner, run_layer
from dagster_project.quality.record_errors import HISTORY_YEARS
from dagster_project.quality.rule import OFF, RECORD_ERROR, STRUCTURAL
from dagster_project.quality.rules import rules_for


@dataclass
class CheckOutcome:
    """What Dagster shows for one check: counts and rule codes only."""

    name: str
    blocking_rows: int = 0
    warning_rows: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    blocking_rules: list[str] = field(default_factory=list)
    skipped: int = 0
    details: list[str] = field(default_factory=list)  # messages that say it all (no values)

    @property
    def passed(self) -> bool:
        return self.blocking_rows == 0 and self.warning_rows == 0

    @property
    def blocks(self) -> bool:
        return self.blocking_rows > 0

    def description(self) -> str:
        if self.passed:
            return "no findings"
        if self.details:
            return "; ".join(self.details) + "; see quality/findings.csv"
        rules = ", ".join(self.blocking_rules or sorted(self.by_rule))
        kind = "blocking" if self.blocks else "warning"  # publication stops, or goes ahead
        rows = self.blocking_rows if self.blocks else self.warning_rows
        return f"{rows} {kind} finding(s): {rules}; see quality/findings.csv"


@dataclass
class GateResult:
    collection_year: int | None
    findings: pd.DataFrame
    summary: pd.DataFrame
    checks: dict[str, CheckOutcome]
    quality_dir: Path | None = None
    impact: impact.Impact | None = None


def landing_findings(
    con: duckdb.DuckDBPyConnection, source_system: str, severity_of
) -> pd.DataFrame:
    """Rejected files and quarantined rows of this run's source, as findings.

    The CIN census files (source `cin`, landed beside the run's source) are included: a
    rejected census file is one finding naming it (its log has a row per census table).
    """
    rows: list[dict[str, object]] = []
    if columns(con, "raw", "load_log"):
        rejected = con.execute(
            """
            select source_file, table_name, message from raw.load_log
            where source in (?, 'cin')
            qualify row_number() over (partition by source, source_file order by log_id desc) = 1
                and status = 'rejected'
            """,
            [source_system],
        ).fetchall()
        for source_file, table, message in rejected:
            rows.append(
                {
                    "check_name": "landing",
                    "rule_code": "landing.file_rejected",
                    "message": message,
                    "severity": severity_of.get("landing.file_rejected", STRUCTURAL),
                    "table_name": f"raw.{table}",
                    "source_file": source_file,
                }
            )
    if columns(con, "raw", "landing_problems"):
        # what no rejected file tells: a required file missing or empty, an extract
        # undated, older than the publication or truncated, a corrupt DfE archive
        for check, table, problem in con.execute(
            "select check_name, table_name, problem from raw.landing_problems "
            "where source in (?, 'dfe') order by source, check_name, table_name",
            [source_system],
        ).fetchall():
            code = f"landing.{check}"
            named = problem.split(": ", 1)[0]
            rows.append(
                {
                    "check_name": "landing",
                    "rule_code": code,
                    "message": problem,
                    "severity": severity_of.get(code, STRUCTURAL),
                    "table_name": f"raw.{table}",
                    "source_file": named if named.lower().endswith((".csv", ".zip")) else None,
                }
            )
    if columns(con, "raw", "quarantine"):
        quarantined = con.execute(
            "select source_file, table_name, row_number, reason from raw.quarantine "
            "where source in (?, 'cin')",
            [source_system],
        ).fetchall()
        for source_file, table, row_number, reason in quarantined:
            rows.append(
                {
                    "check_name": "landing",
                    "rule_code": "landing.row_quarantined",
                    "message": reason,
                    "severity": severity_of.get("landing.row_quarantined", "warning"),
                    "table_name": f"raw.{table}",
                    "source_file": source_file,
                    "row_number": row_number,
                }
            )
    found = fnd.frame(rows)
    return found[found["severity"] != OFF]


def timeline_findings(
    con: duckdb.DuckDBPyConnection, source_system: str, severity_of: dict[str, str]
) -> pd.DataFrame:
    """The Mosaic derivation's timeline faults (warnings unless configured to block)."""
    if source_system != "mosaic" or not columns(con, *TIMELINE_FAULTS):
        return fnd.empty()
    faults = con.execute(
        f"""
        select 'mosaic_timeline' as check_name, rule_id as rule_code,
               record_type || ' ' || coalesce(record_id, '') || ': ' || resolution as message,
               'intermediate.int_mosaic__timeline_faults' as table_name,
               CHILD as child_id, fields, field_values,
               _source_file as source_file, _row_number as row_number
        from {".".join(TIMELINE_FAULTS)}
        """
    ).df()
    faults["severity"] = [severity_of.get(code, "warning") for code in faults["rule_code"]]
    found = fnd.normalise(faults)
    return found[found["severity"] != OFF]


def dfe_label_findings(con: duckdb.DuckDBPyConnection, severity_of: dict[str, str]) -> pd.DataFrame:
    """DfE labels the seed cannot place: one warning per file and label, its rows skipped."""
    if not columns(con, *DFE_UNKNOWN_LABELS):
        return fnd.empty()
    found = con.execute(
        f"""
        select 'dfe_labels' as check_name, 'dfe.label_not_recognised' as rule_code,
               label_role || ' label "' || label || '"'
                   || coalesce(' under "' || under_group || '"', '')
                   || ' not recognised: ' || n_rows || ' row(s) skipped; add it to '
                   || 'dbt/seeds/comparators/dfe_labels.csv' as message,
               'raw.dfe_' || file_kind as table_name, label_role as fields,
               source_file, first_row as row_number
        from {".".join(DFE_UNKNOWN_LABELS)}
        order by source_file, first_row
        """
    ).df()
    found["severity"] = [severity_of.get(code, "warning") for code in found["rule_code"]]
    found = fnd.normalise(found)
    return found[found["severity"] != OFF]


def _outcomes(findings: pd.DataFrame, summary: pd.DataFrame) -> dict[str, CheckOutcome]:
    outcomes = {name: CheckOutcome(name) for name in CHECKS}
    for name, outcome in outcomes.items():
        mine = findings[findings["check_name"] == name]
        outcome.blocking_rows = int(mine["blocking"].sum())
        outcome.warning_rows = int((~mine["blocking"]).sum())
        outcome.by_rule = {str(k): int(v) for k, v in mine["rule_code"].value_counts().items()}
        outcome.blocking_rules = sorted(mine.loc[mine["blocking"], "rule_code"].unique())
        if name == impact.CHECK:
            outcome.details = [str(m) for m in mine["message"]]
        if not summary.empty:
            outcome.skipped = int(
                (
                    (summary["check_name"] == name) & summary["status"].str.startswith("skipped")
                ).sum()
            )
    return outcomes


def check_returns(
    con: duckdb.DuckDBPyConnection,
    source_system: str,
    year: int,
    years: list[int],
    severity_of: dict[str, str],
    la_code: str | None = None,
    reused: RuleRun | None = None,
) -> RuleRun:
    """DfE's rules on the returns the figures read.

    The return of `year` gets every rule of its year; each of the HISTORY_YEARS returns
    before it gets its own year's record-error rules (codes outside that year's lists, bad
    dates, overlaps, broken chains, duplicates), since the figures count those children
    too (`record_errors.find`). `reused`: those record-error findings as this run's
    `quality.record_errors` asset found them, so they are not run twice.
    """
    ctx = prepare(con, year, source_system, la_code)
    others = tuple(r for r in rules_for(year) if not record_errors.is_record_error(r, severity_of))
    rest = run_rules(con, ctx, others, severity_of)
    # after the year's own rules: finding them re-types the earlier returns' views
    errors = reused or record_errors.find(con, source_system, year, years, severity_of, ctx)
    found = [f for f in (errors.findings, rest.findings) if not f.empty]
    findings = fnd.normalise(pd.concat(found, ignore_index=True)) if found else fnd.empty()
    stats = [s for s in (errors.stats, rest.stats) if not s.empty]
    return RuleRun(
        findings=findings,
        stats=pd.concat(stats, ignore_index=True) if stats else rest.stats,
    )


def check_census(con: duckdb.DuckDBPyConnection, severity_of: dict[str, str]) -> RuleRun | None:
    """The CIN census rules on the census returns landed (None: no census landed).

    The latest census gets every rule; each of the HISTORY_YEARS censuses before it gets
    the record-error rules only (the figures read those years too), as for 903 returns.
    Each census is checked as submitted: a referral repeated in a later census is checked
    in each (the later one is what the figures read).
    """
    years = census_years(con)
    if not years:
        return None
    latest = years[-1]
    run = run_cin_rules(con, prepare_census(con, latest), severity_of)
    frames = [run.findings]
    for earlier in [y for y in years if latest - HISTORY_YEARS <= y < latest]:
        ctx = prepare_census(con, earlier)
        frames.append(run_cin_rules(con, ctx, severity_of, only=(RECORD_ERROR,)).findings)
    found = [f for f in frames if not f.empty]
    if found:
        run.findings = fnd.normalise(pd.concat(found, ignore_index=True))
    return run


def _data_checks(
    con: duckdb.DuckDBPyConnection,
    source_system: str,
    config: QualityConfig,
    layers: tuple[str, ...],
    la_code: str | None,
    run_id: str | None,
) -> tuple[list[pd.DataFrame], list[pd.DataFrame], int | None]:
    """Every check on the landed and built data (not landing's own): findings, rule stats,
    and the collection year the DfE rules checked (None: no return to check)."""
    severity_of = config.severity
    frames = [
        timeline_findings(con, source_system, severity_of),
        dfe_label_findings(con, severity_of),
    ]
    stats = []

    def gx_layers() -> list[GxRun]:
        # GX validates; its Data Docs are not built (they show raw values and load CDN
        # scripts): quality/index.html is our own page (quality/page.py). On a connection
        # of its own, while the DfE rules run on `con`: GX is Python, the rules are mostly
        # DuckDB's planning with the interpreter lock released, so the two share the cores
        # `cla run` validates in GE's own process (quality/gx_process.py), this thread
        # only reading the rows it sends there
        with con.cursor() as cursor:
            process = gx_process.current()
            validate = (process or GxRunner(chunk_rows=config.gx_chunk_rows)).failing_rows
            return [
                run_layer(cursor, layer, source_system, validate, config.gx_chunk_rows, severity_of)
                for layer in layers
            ]

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gx") as pool:
        gx_runs = pool.submit(gx_layers)
        year, years = record_errors.checked_year(con, source_system, config.collection_year)
        rule_run = None
        if year is not None:
            reused = record_errors.load_for_run(con, run_id, year) if run_id else None
            rule_run = check_returns(con, source_system, year, years, severity_of, la_code, reused)
        for gx_run in gx_runs.result():
            frames.append(gx_run.findings)
            stats.append(gx_run.stats)
    if rule_run is not None:
        frames.append(rule_run.findings)
        stats.append(rule_run.stats)
    census_run = check_census(con, severity_of)
    if census_run is not None:
        frames.append(census_run.findings)
        stats.append(census_run.stats)
    return frames, stats, year


# blocking findings first (what stopped publication is what a person reads first), then by
# check, rule, child and row; then every other column of a finding, so that ties never
# take the order the checks happened to produce: the same input, the same file, byte for
# byte (rule 205B flags one Mosaic row in two tables, which came out in either order)
READING_ORDER = ["blocking", "check_name", "rule_code", "child_id", "row_number"]
READING_ORDER += ["table_name", "source_file", "fields", "field_values", "message"]


def in_reading_order(findings: pd.DataFrame) -> pd.DataFrame:
    """`findings` sorted as findings.csv and the page show them (READING_ORDER)."""
    ascending = [False] + [True] * (len(READING_ORDER) - 1)
    return findings.sort_values(READING_ORDER, ascending=ascending, kind="stable").reset_index(
        drop=True
    )


def run_gate(
    con: duckdb.DuckDBPyConnection,
    source_system: str,
    publish_dir: Path | str | None,
    config: QualityConfig | None = None,
    layers: tuple[str, ...] = LAYERS,
    la_code: str | None = None,
    *,
    max_affected_share: float | None = None,
    min_denominator: int = impact.DEFAULT_MIN_DENOMINATOR,
    run_id: str | None = None,
    landing_only: bool = False,
) -> GateResult:
    """Run every check, store the findings, write `<publish_dir>/quality/`.

    `publish_dir` is the run's staging folder when the gate runs in a pipeline run
    (`publication/releases.py` switches it in with the rest of the publication).
    `la_code` is the reporting LA (old or new code): DfE's rules about where a child is
    placed (PL_LOCATION, rules 411, 1015 and 241) need it, and skip without it.
    `max_affected_share`: measure record errors' reach into the figures just built and
    refuse past it in a figure of `min_denominator` children or more (`impact`); None (a
    run that stopped before the marts) measures nothing.
    `run_id`: reuse the record errors this run's `quality.record_errors` asset found.
    `landing_only`: a run refused at landing reports its landing findings alone: the raw
    tables still hold the last accepted input, whose checks are not this run's news.
    """
    config = config or load_quality_config()
    severity_of = config.severity
    quality_dir = Path(publish_dir).resolve() / "quality" if publish_dir else None
    frames = [landing_findings(con, source_system, severity_of)]
    stats: list[pd.DataFrame] = []
    year = None
    if not landing_only:
        more, stats, year = _data_checks(con, source_system, config, layers, la_code, run_id)
        frames += more
    found = [f for f in frames if not f.empty]
    findings = fnd.normalise(pd.concat(found, ignore_index=True)) if found else fnd.empty()
    findings = findings[findings["severity"] != OFF]
    reach = None
    if max_affected_share is not None:
        reach = impact.measure(con, findings, max_affected_share, min_denominator)
        impact.store(con, reach)
        refusals = impact.refusal_findings(reach)
        stats.append(impact.rule_stats(reach))
        if not refusals.empty:
            findings = fnd.normalise(pd.concat([refusals, findings], ignore_index=True))
    findings = in_reading_order(findings)
    rule_stats = pd.concat([s for s in stats if not s.empty], ignore_index=True) if stats else None
    summary = fnd.summary(findings, rule_stats)
    fnd.write_warehouse(con, findings, summary)
    if quality_dir is not None:
        fnd.write_csv(findings, summary, quality_dir)
    return GateResult(
        collection_year=year,
        findings=findings,
        summary=summary,
        checks=_outcomes(findings, summary),
        quality_dir=quality_dir,
        impact=reach,
    )
