"""`cla validate`: one SSDA903 return checked against DfE's rules of its year.

What a local authority runs before submitting: the folder of one year's 903 CSVs is landed
by the landing code (same CSV reading, encodings and contracts as a run) into a throwaway
in-memory DuckDB, typed as the validator reads it (quality/typed_return.py), and every DfE
rule of the collection year runs on it. No dbt, no Dagster, nothing written anywhere but
the output folder: `findings.csv` (one row per failing record: rule, message, child, fields
and values, file and row) and `rule_summary.csv` (every rule: ran or skipped, rows and
children failing), both private to the user (0600, folder 0700).

DfE's validator gives no error/warning class to its rules, so every finding of a DfE rule
counts as an error for the exit status; the `severity` column still carries our class
(record_error or warning) to help a person triage.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dagster_project.codes import FIRST_YEAR
from dagster_project.date_forms import parse_date
from dagster_project.landing.contracts import source_contract
from dagster_project.landing.csv_reader import open_csv
from dagster_project.landing.encoding import sniff
from dagster_project.landing.loader import LandingReport, ensure_raw_schema, land_source
from dagster_project.quality import findings as fnd
from dagster_project.quality.context import RuleContext, prepare_files
from dagster_project.quality.engine import RuleRun, run_rules
from dagster_project.quality.rules import rules_for
from dagster_project.reference.postcodes import load_used_postcodes

# Dates that place a return in its collection year: events of the year (an episode's
# start may be years earlier, so it counts too but is outvoted by the year's events).
YEAR_DATES = {
    "episodes": ("DECOM", "DEC"),
    "reviews": ("REVIEW",),
    "missing": ("MIS_START", "MIS_END"),
}


class ValidateError(ValueError):
    """The folder cannot be checked (no return files, or no year to check them against)."""


@dataclass
class ValidateResult:
    year: int
    findings: pd.DataFrame
    summary: pd.DataFrame
    output: Path
    files: dict[str, int]  # landed file -> rows
    rejected: dict[str, str]  # file -> why

    @property
    def errors(self) -> int:
        return len(self.findings)


def collection_year_of(date: dt.date) -> int:
    return date.year + 1 if (date.month, date.day) > (3, 31) else date.year


def year_of_files(folder: Path) -> int:
    """The collection year the return's dates show: the year holding most of its event
    dates (episode starts and ends, reviews, missing incidents)."""
    votes: Counter[int] = Counter()
    contract = source_contract("ssda903")
    for path in sorted(folder.glob("*.csv")):
        kind = contract.match(path.name).kind
        if kind not in YEAR_DATES:
            continue
        with path.open("rb") as stream:
            encoding = sniff(stream).encoding
        parsed = open_csv(lambda p=path: p.open("rb"), encoding, contract.header_case)
        wanted = [parsed.header.index(c) for c in YEAR_DATES[kind] if c in parsed.header]
        for batch in parsed.batches:
            for _, record in batch.rows:
                for i in wanted:
                    date = parse_date(record[i])
                    if date is not None:
                        votes[collection_year_of(date)] += 1
    if not votes:
        raise ValidateError(
            f"no episode, review or missing dates in {folder}: give the year with --year"
        )
    top = max(votes.values())
    return max(year for year, n in votes.items() if n == top)


def default_output(input_dir: Path) -> Path:
    """Beside the return, never inside it (a landing folder would take the findings for
    one more 903 file)."""
    return input_dir.resolve().parent / f"{input_dir.resolve().name}-validation"


def _private_folder(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def land_return(con: duckdb.DuckDBPyConnection, folder: Path, year: int) -> LandingReport:
    """Land the return's files (and the ONS postcodes they use) into `con` as year `year`."""
    with tempfile.TemporaryDirectory(prefix="cla-validate-") as tmp:
        os.chmod(tmp, 0o700)
        # the landing code reads a return from a folder named for its year
        year_dir = Path(tmp) / str(year)
        try:
            year_dir.symlink_to(Path(folder).resolve(), target_is_directory=True)
        except OSError:
            year_dir.mkdir()
            for path in Path(folder).glob("*.csv"):
                (year_dir / path.name).write_bytes(path.read_bytes())
        ensure_raw_schema(con, "ssda903")
        report = land_source(con, "ssda903", year_dir)
    load_used_postcodes(con)
    return report


def run_dfe_rules(
    con: duckdb.DuckDBPyConnection,
    year: int,
    rules_year: int | None = None,
    la_code: str | None = None,
) -> RuleRun:
    """DfE's rules of `rules_year` (default: the return's year) on the landed return of
    `year` (its collection period), for the reporting LA `la_code` (where a child is placed,
    in or out of the LA, needs it). A different rules year is for measuring agreement with
    another year's validator ruleset on the same return."""
    rules_year = rules_year or year
    ctx = RuleContext.for_year(year, la_code)
    ctx.year = rules_year
    prepare_files(con, year, ctx)
    return run_rules(con, ctx, tuple(r for r in rules_for(rules_year) if r.dfe))


def validate_return(
    input_dir: Path,
    year: int | None = None,
    output: Path | None = None,
    la_code: str | None = None,
):
    """Check the return in `input_dir`, of the reporting LA `la_code`, against DfE's rules
    of `year` (default: its dates')."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise ValidateError(f"input folder not found: {input_dir}")
    if not any(p.suffix.lower() == ".csv" for p in input_dir.iterdir() if p.is_file()):
        raise ValidateError(f"no CSV files in {input_dir}")
    year = year or year_of_files(input_dir)
    if year < FIRST_YEAR:
        raise ValidateError(f"collection year {year} is before 2017-18, the earliest checked")
    output = Path(output) if output else default_output(input_dir)
    con = duckdb.connect()
    try:
        report = land_return(con, input_dir, year)
        run = run_dfe_rules(con, year, la_code=la_code)
    finally:
        con.close()
    findings = run.findings.copy()
    findings["source_file"] = findings["source_file"].str.replace(f"{year}/", "", n=1)
    rejected = {o.source_file.split("/", 1)[-1]: o.message for o in report.rejected}
    summary = fnd.summary(findings, run.stats)
    _private_folder(output)
    fnd.write_csv(findings, summary, output)
    for name in ("findings.csv", "rule_summary.csv"):
        os.chmod(output / name, 0o600)
    files = {
        o.source_file.split("/", 1)[-1]: o.rows
        for o in report.outcomes
        if o.status in ("loaded", "replaced", "unchanged")
    }
    return ValidateResult(year, findings, summary, output, files, rejected)


def describe(result: ValidateResult) -> str:
    """A short summary for a person: counts and rule codes, never a row's values."""
    season = f"{result.year - 1}-{result.year % 100:02d}"
    ran = int((result.summary["status"] == "ran").sum())
    skipped = result.summary[result.summary["status"].str.startswith("skipped")]
    lines = [
        f"cla validate: the {season} return ("
        + ", ".join(f"{name} {rows} rows" for name, rows in sorted(result.files.items()))
        + f"): {ran} DfE rules run, {len(skipped)} skipped for a file not supplied"
    ]
    for name, why in sorted(result.rejected.items()):
        lines.append(f"  file refused: {name}: {why}")
    failing = result.summary[result.summary["failing_rows"] > 0]
    if failing.empty:
        lines.append("  no findings")
    else:
        children = result.findings["child_id"].nunique()
        lines.append(
            f"  {result.errors} finding(s) from {len(failing)} rule(s), {children} child(ren):"
        )
        for row in failing.itertuples():
            lines.append(f"    {row.rule_code} ({row.severity}): {row.failing_rows} row(s)")
    lines.append(f"  details: {result.output / 'findings.csv'} and rule_summary.csv")
    return "\n".join(lines)
