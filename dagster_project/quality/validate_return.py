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

from dagster_project import warmup
from dagster_project.codes import FIRST_YEAR
from dagster_project.date_forms import parse_date
from dagster_project.landing.contracts import source_contract
from dagster_project.landing.csv_reader import open_csv
from dagster_project.landing.encoding import sniff
from dagster_project.landing.loader import LandingReport, land_source
from dagster_project.quality import findings as fnd
from dagster_project.quality.context import RuleContext, prepare_files
from dagster_project.quality.engine import ORDER, RuleRun, run_rules, run_rules_into
from dagster_project.quality.rule import Rule
from dagster_project.quality.rules import all_rules, rules_for
from dagster_project.reference.postcodes import load_used_postcodes

# Dates that place a return in its collection year: events of the year (an episode's
# start may be years earlier, so it counts too but is outvoted by the year's events).
YEAR_DATES = {
    "episodes": ("DECOM", "DEC"),
    "reviews": ("REVIEW",),
    "missing": ("MIS_START", "MIS_END"),
}


# connections landing and typing the files and running the rules at once (parallel.py): one
# a core, up to this many (DuckDB runs each statement on every core as well)
WORKERS = 4


class ValidateError(ValueError):
    """The folder cannot be checked (no return files, or no year to check them against)."""


@dataclass
class ValidateResult:
    year: int
    errors: int  # findings
    children: int  # with a finding
    summary: list[dict[str, object]]  # rule_summary.csv's rows
    output: Path
    files: dict[str, int]  # landed file -> rows
    rejected: dict[str, str]  # file -> why


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


def land_return(
    con: duckdb.DuckDBPyConnection, folder: Path, year: int, workers: int = 1
) -> LandingReport:
    """Land the return's files (and the ONS postcodes they use) into `con` as year `year`
    (`workers`: files landed at once, for a database of the return's own)."""
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
        report = land_source(con, "ssda903", year_dir, workers=workers)
    load_used_postcodes(con)
    return report


def _dfe_rules(
    con: duckdb.DuckDBPyConnection,
    year: int,
    rules_year: int | None,
    la_code: str | None,
    workers: int = 1,
) -> tuple[RuleContext, tuple[Rule, ...]]:
    """The return of `year` typed for the rules, and DfE's rules of `rules_year`
    (`workers`: connections at once, for a database of the return's own)."""
    rules_year = rules_year or year
    ctx = RuleContext.for_year(year, la_code)
    ctx.year = rules_year
    ctx.workers = workers
    prepare_files(con, year, ctx)
    return ctx, tuple(r for r in rules_for(rules_year) if r.dfe)


def run_dfe_rules(
    con: duckdb.DuckDBPyConnection,
    year: int,
    rules_year: int | None = None,
    la_code: str | None = None,
) -> RuleRun:
    """DfE's rules of `rules_year` (default: the return's year) on the landed return of
    `year` (its collection period), for the reporting LA `la_code` (where a child is placed,
    in or out of the LA, needs it), findings as frames. A different rules year is for
    measuring agreement with another year's validator ruleset on the same return."""
    return run_rules(con, *_dfe_rules(con, year, rules_year, la_code))


def _findings_in(
    con: duckdb.DuckDBPyConnection, year: int, la_code: str | None, workers: int
) -> None:
    """DfE's rules of `year` on the landed return: the tables `_findings` (the findings, in
    order, file names as the LA gave them) and `_summary` (every rule)."""
    stats = run_rules_into(con, *_dfe_rules(con, year, None, la_code, workers), "_found")
    keys = ("check_name", "rule_code", "message", "severity", "table_name", "status")
    # one statement, a list per column (a statement per rule took 0.1 s)
    con.execute(
        "create table _stats as select "
        + ", ".join(f"unnest(${i + 1}::varchar[]) as {key}" for i, key in enumerate(keys)),
        [[s[key] for s in stats] for key in keys],
    )
    shown = ", ".join(
        {
            "blocking": f"{fnd.BLOCKING_SQL} as blocking",
            # the landing code read the files from a folder named for the year
            "source_file": f"regexp_replace(source_file, '{year}/', '') as source_file",
        }.get(column, column)
        for column in fnd.COLUMNS
    )
    con.execute(f"create table _findings as select {shown} from _found order by {ORDER}")
    fnd.create_summary(con, "_findings", "_stats", "_summary")


def validate_return(
    input_dir: Path,
    year: int | None = None,
    output: Path | None = None,
    la_code: str | None = None,
    workers: int | None = None,
) -> ValidateResult:
    """Check the return in `input_dir`, of the reporting LA `la_code`, against DfE's rules
    of `year` (default: its dates'), and write the findings to `output`. `workers`:
    connections sharing the work (default one a core, up to WORKERS); the findings are the
    same, in the same order, however many."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise ValidateError(f"input folder not found: {input_dir}")
    if not any(p.suffix.lower() == ".csv" for p in input_dir.iterdir() if p.is_file()):
        raise ValidateError(f"no CSV files in {input_dir}")
    year = year or year_of_files(input_dir)
    if year < FIRST_YEAR:
        raise ValidateError(f"collection year {year} is before 2017-18, the earliest checked")
    output = Path(output) if output else default_output(input_dir)
    # the ~350 rule modules (0.05 s of imports, Python's work) load while DuckDB reads the
    # files (DuckDB's work, the interpreter's lock released); `all_rules()` waits for them
    warmup.later("rules", all_rules)
    warmup.begin()
    workers = workers or max(1, min(WORKERS, os.cpu_count() or 1))
    con = duckdb.connect()
    try:
        # the database is the return's own, so its connections can share the work
        report = land_return(con, input_dir, year, workers)
        _findings_in(con, year, la_code, workers)
        _private_folder(output)
        fnd.write_files(con, "_findings", "_summary", output)
        for name in ("findings.csv", "rule_summary.csv"):
            os.chmod(output / name, 0o600)
        errors, children = con.execute(
            "select count(*), count(distinct child_id) from _found"
        ).fetchone()
        result = con.execute("select * from _summary")
        names = [d[0] for d in result.description]
        summary = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    finally:
        con.close()
    rejected = {o.source_file.split("/", 1)[-1]: o.message for o in report.rejected}
    files = {
        o.source_file.split("/", 1)[-1]: o.rows
        for o in report.outcomes
        if o.status in ("loaded", "replaced", "unchanged")
    }
    return ValidateResult(year, errors, children, summary, output, files, rejected)


def describe(result: ValidateResult) -> str:
    """A short summary for a person: counts and rule codes, never a row's values."""
    season = f"{result.year - 1}-{result.year % 100:02d}"
    ran = sum(1 for r in result.summary if r["status"] == "ran")
    skipped = [r for r in result.summary if str(r["status"]).startswith("skipped")]
    lines = [
        f"cla validate: the {season} return ("
        + ", ".join(f"{name} {rows} rows" for name, rows in sorted(result.files.items()))
        + f"): {ran} DfE rules run, {len(skipped)} skipped for a file not supplied"
    ]
    for name, why in sorted(result.rejected.items()):
        lines.append(f"  file refused: {name}: {why}")
    failing = [r for r in result.summary if r["failing_rows"] > 0]
    if not failing:
        lines.append("  no findings")
    else:
        lines.append(
            f"  {result.errors} finding(s) from {len(failing)} rule(s), "
            f"{result.children} child(ren):"
        )
        for row in failing:
            lines.append(
                f"    {row['rule_code']} ({row['severity']}): {row['failing_rows']} row(s)"
            )
    lines.append(f"  details: {result.output / 'findings.csv'} and rule_summary.csv")
    return "\n".join(lines)
