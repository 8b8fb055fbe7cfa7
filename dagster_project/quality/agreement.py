"""Agreement with the public DfE 903 validator (`make validator-agreement`; not a CI test).

The public validator (`csc-validator-be-903`, data-to-insight) pins pandas 1.5, so it runs in
a venv of its own, made here on first use. Both the validator and our rules read the same
SSDA903 files: a synthetic LA with injected errors (A's generator) and, when given, the
validator's own public fake data (the package does not ship it: pass `--fake-data DIR`).
Our side lands the files as an ssda903 source, builds the 903 marts with dbt and runs our
rules; the validator runs only the rules we implement. Row by row (table, row of the file),
the report counts rows each flagged and the share of rows both classify the same way, and
writes it into docs/quality.md between the agreement markers.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dagster_project.settings import REPO_ROOT
from dagster_project.ssda903_files import FILES as SSDA903_FILES

VALIDATOR = "csc-validator-be-903==0.1.17"
RULESET = "lac2025_26"
DEFAULT_VENV = REPO_ROOT / "data" / "cache" / "validator-venv"
DOC = REPO_ROOT / "docs" / "quality.md"
START, END = "<!-- agreement:start -->", "<!-- agreement:end -->"

# The validator's columns per file (it recognises a file by its exact set of columns).
FILES = {
    kind: list(SSDA903_FILES[kind])
    for kind in ("header", "episodes", "uasc", "oc2", "oc3", "missing", "reviews")
}

# Runs inside the validator's venv: its public API, our rule codes, findings as CSV.
DRIVER = """
import csv, sys, logging
logging.disable(logging.CRITICAL)
from lac_validator import lac_validator
from lac_validator.rules import {ruleset} as rules
from lac_validator.utils import process_uploaded_files
folder, year, out, codes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")
files = process_uploaded_files({{"This year": [f"{{folder}}/{{n}}" for n in sys.argv[5:]]}})
v = lac_validator.LacValidator(
    metadata={{"collectionYear": year, "localAuthority": "E09000015"}},
    files=files, registry=rules.registry, selected_rules=codes,
)
with open(out, "w", newline="") as handle:
    w = csv.writer(handle)
    w.writerow(["rule_code", "table", "row_number", "child"])
    for table, frame in v.ds_results.items():
        if table == "metadata":
            continue
        for col in [c for c in frame.columns if str(c).startswith("ERR_")]:
            for index in frame.index[frame[col] == True]:
                w.writerow([col[4:], table.lower(), int(index) + 1, frame.loc[index, "CHILD"]])
print("failed:", ",".join(v.fails), file=sys.stderr)
"""

# Known, understood causes of disagreement, shown beside the figures.
MARTS_KEEP = (
    "The rules read the 903 marts, which set aside rows whose DECOM does not parse (rule 141 "
    "reports them) and keep one of two episodes of a child starting the same day (the "
    "staging GX suite reports that duplicate key, blocking); the validator still orders them "
    "among the child's other episodes."
)
EXPLAINED = {
    "101": "The validator checks SEX as given; staging recodes legacy 1/2 to M/F first.",
    "104": "The validator also flags a DUC before the collection year; over a multi-year "
    "history that is an old, ceased UASC status, not a date fault, so only dates that do not "
    "parse are flagged here (blocking).",
    "131": "The validator also flags a blank IN_TOUCH; a blank is a completeness finding "
    "here (rule 153, warning), not a code fault (blocking).",
    "132": "As 131: a blank ACTIV is rule 153's finding here.",
    "133": "As 131: a blank ACCOM is rule 153's finding here.",
    "141": "Dates in yyyy-mm-dd form are valid input here (spec/inputs.md); the validator "
    "accepts dd/mm/yyyy only.",
    "147": "As 141.",
    "102": "As 141.",
    "166": "As 141.",
    "1004": "As 141.",
    "1005": "As 141.",
    "146": "Codes come from dbt/seeds/code_lists.csv, which holds every code valid from "
    "2023-24 to 2025-26 because histories span years; the validator's 2025-26 PLACE list "
    "drops P2, H5 and Z1 (both lists have Z11-Z14).",
    "144": "Codes come from dbt/seeds/code_lists.csv (see 146).",
    "149": "Codes come from dbt/seeds/code_lists.csv, which still carries E43 and E44; the "
    "validator's 2025-26 REC list does not.",
    "432": "As 149: the validator's list of care-ending codes leaves out E43 and E44.",
    "365": "A DEC that does not parse (rule 147, blocking) is null in the marts, so the "
    "episode reads as open to the year end; the validator skips it.",
    "367": "As 365.",
    "392c": MARTS_KEEP,
    "178": MARTS_KEEP,
    "186": MARTS_KEEP + " The OC2 cohort is worked out from those episodes.",
    "190": MARTS_KEEP + " The OC2 cohort is worked out from those episodes.",
    "191": MARTS_KEEP + " The OC2 cohort is worked out from those episodes.",
    "142": MARTS_KEEP,
    "356": MARTS_KEEP,
    "357": MARTS_KEEP,
    "378": MARTS_KEEP,
    "388": MARTS_KEEP,
    "431": MARTS_KEEP,
    "433": MARTS_KEEP,
    "501": MARTS_KEEP,
    "504": MARTS_KEEP,
}


@dataclass
class Comparison:
    dataset: str
    rule_code: str
    table: str
    rows: int
    ours: int
    theirs: int
    both: int

    @property
    def agreeing_rows(self) -> int:
        return self.rows - (self.ours - self.both) - (self.theirs - self.both)

    @property
    def agreement(self) -> float:
        return 100.0 * self.agreeing_rows / self.rows if self.rows else 100.0


def ensure_venv(venv: Path) -> Path:
    """The validator's own venv (Python 3.11, pandas 1.5), made once."""
    python = venv / "bin" / "python"
    if python.exists():
        probe = subprocess.run(
            [str(python), "-c", "import lac_validator"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return python
    base = shutil.which("python3.11") or sys.executable
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", VALIDATOR],
        check=True,
    )
    return python


def validator_copy(year_dir: Path, target: Path) -> list[str]:
    """The year's files with exactly the validator's columns, rows in the same order."""
    target.mkdir(parents=True, exist_ok=True)
    names = []
    for kind, cols in FILES.items():
        source = year_dir / f"{kind}.csv"
        if not source.exists():
            continue
        with source.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        with (target / source.name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=cols, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({c: r.get(c) or "" for c in cols} for r in rows)
        names.append(source.name)
    return names


def run_validator(python: Path, year_dir: Path, year: int, codes: list[str], work: Path):
    folder = work / "validator_input"
    names = validator_copy(year_dir, folder)
    driver = work / "driver.py"
    driver.write_text(DRIVER.format(ruleset=RULESET))
    out = work / "validator.csv"
    result = subprocess.run(
        [str(python), str(driver), str(folder), str(year), str(out), ",".join(codes), *names],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"validator failed:\n{result.stderr[-4000:]}")
    failed = result.stderr.strip().splitlines()[-1].removeprefix("failed:").strip()
    return pd.read_csv(out, dtype=str), [c for c in failed.split(",") if c]


def run_ours(year_dir: Path, year: int, work: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """Land the files as an ssda903 source, build the 903 marts, run every rule."""
    from dagster_project.landing.bootstrap import ensure_all_sources
    from dagster_project.landing.loader import land_source
    from dagster_project.quality.context import prepare
    from dagster_project.quality.engine import run_rules
    from dagster_project.quality.rules import all_rules
    from dagster_project.reference.postcodes import letters_in_use, load_postcodes
    from dagster_project.transform.dbt_cli import run_dbt
    from dagster_project.warehouse import connect

    landing = work / "landing"
    shutil.copytree(year_dir, landing / str(year))
    warehouse = work / "ours.duckdb"
    with connect(warehouse) as con:
        ensure_all_sources(con)
        land_source(con, "ssda903", landing)
        load_postcodes(con, letters_in_use(con))
    run_dbt(
        [
            "build",
            "--select",
            "+path:models/marts/ssda903",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ],
        warehouse,
        {"source_system": "ssda903", "la_code": "310", "period_ends": []},
        target=work / "dbt_target",
    )
    with connect(warehouse) as con:
        ctx = prepare(con, year, "ssda903")
        found = run_rules(con, ctx, all_rules()).findings
        sizes = {
            kind: con.execute(f"select count(*) from raw.ssda903_{kind}").fetchone()[0]
            for kind in FILES
        }
    return found, sizes


def compare(
    dataset: str,
    ours: pd.DataFrame,
    theirs: pd.DataFrame,
    sizes: dict[str, int],
    codes: list[str],
) -> list[Comparison]:
    """Per rule and table: the file rows each side flagged."""
    from dagster_project.quality.rules import rule

    out = []
    for code in codes:
        mine = ours[ours["rule_code"] == code]
        tables = set(mine["table_name"]) | set(theirs.loc[theirs["rule_code"] == code, "table"])
        tables |= {rule(code).table}
        for table in sorted(t for t in tables if t in FILES):
            a = {int(n) for n in mine.loc[mine["table_name"] == table, "row_number"].dropna()}
            sel = (theirs["rule_code"] == code) & (theirs["table"] == table)
            b = {int(n) for n in theirs.loc[sel, "row_number"]}
            rows = sizes.get(table, 0)
            out.append(Comparison(dataset, code, table, rows, len(a), len(b), len(a & b)))
    return out


def inject_errors(year_dir: Path, year: int, seed: int = 3) -> dict[str, int]:
    """Break a synthetic return in ways the DfE rules catch; return what was injected."""
    rng = random.Random(seed)
    injected: dict[str, int] = {}

    def load(kind: str) -> tuple[list[str], list[dict[str, str]]]:
        with (year_dir / f"{kind}.csv").open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            return list(reader.fieldnames or []), list(reader)

    def save(kind: str, header: list[str], rows: list[dict[str, str]]) -> None:
        with (year_dir / f"{kind}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)

    def some(rows: list[dict[str, str]], n: int, where=lambda r: True) -> list[dict[str, str]]:
        pool = [r for r in rows if where(r)]
        return rng.sample(pool, min(n, len(pool)))

    def note(what: str, n: int) -> None:
        injected[what] = injected.get(what, 0) + n

    header, episodes = load("episodes")
    for field, bad in (
        ("LS", "Z9"),
        ("CIN", "N0"),
        ("PLACE", "Q7"),
        ("RNE", "Q"),
        ("REC", "E99"),
        ("PLACE_PROVIDER", "PR9"),
        ("REASON_PLACE_CHANGE", "WHIM"),
    ):
        for row in some(episodes, 5, lambda r, f=field: bool(r[f])):
            row[field] = bad
        note(f"episodes {field} outside the code list", 5)
    ended = [r for r in episodes if r["DEC"]]
    for row in some(ended, 5):
        row["DEC"], row["DECOM"] = row["DECOM"], row["DEC"]
    note("episodes DEC before DECOM", 5)
    for row in some(episodes, 4):
        row["DECOM"] = "31/02/" + str(year - 1)
    note("episodes DECOM not a date", 4)
    for row in some(episodes, 3, lambda r: bool(r["DEC"])):
        row["DEC"] = "soon"
    note("episodes DEC not a date", 3)
    for row in some(episodes, 5, lambda r: r["PLACE_PROVIDER"] not in ("", "PR0")):
        row["PLACE_PROVIDER"] = "PR0"
    note("episodes PR0 with a placement other than P1", 5)
    for row in some(episodes, 4, lambda r: bool(r["PLACE_PROVIDER"])):
        row["PLACE_PROVIDER"] = ""
    note("episodes provider blank", 4)
    for row in some(episodes, 4, lambda r: bool(r["DEC"]) and r["REC"] == "X1"):
        row["REC"] = "E13"
    note("episodes X1 chain cut (E13 with a same-day next episode)", 4)
    save("episodes", header, episodes)

    header_cols, children = load("header")
    for row in some(children, 5):
        row["ETHNIC"] = "XXXX"
    note("header ETHNIC outside the list", 5)
    for row in some(children, 3):
        row["SEX"] = "X"
    note("header SEX outside the list", 3)
    for row in some(children, 3):
        row["DOB"] = "2010-13-40"
    note("header DOB not a date", 3)
    save("header", header_cols, children)

    if (year_dir / "missing.csv").exists():
        cols, missing = load("missing")
        for row in some(missing, 4):
            row["MISSING"] = "Q"
        note("missing MISSING outside the list", 4)
        for row in some(missing, 3, lambda r: bool(r["MIS_END"])):
            row["MIS_START"], row["MIS_END"] = row["MIS_END"], row["MIS_START"]
        note("missing MIS_END before MIS_START", 3)
        save("missing", cols, missing)
    if (year_dir / "oc3.csv").exists():
        cols, oc3 = load("oc3")
        for field, bad in (("IN_TOUCH", "MAYBE"), ("ACTIV", "Z9"), ("ACCOM", "B3")):
            for row in some(oc3, 3, lambda r, f=field: bool(r[f])):
                row[field] = bad
            note(f"oc3 {field} outside the code list", 3)
        save("oc3", cols, oc3)
    if (year_dir / "oc2.csv").exists():
        cols, oc2 = load("oc2")
        for row in some(oc2, 3):
            row["IMMUNISATIONS"] = "2"
        note("oc2 an item other than 0/1", 3)
        for row in some(oc2, 3):
            row["SDQ_SCORE"] = "41"
        note("oc2 SDQ score over 40", 3)
        save("oc2", cols, oc2)
    if (year_dir / "reviews.csv").exists():
        cols, reviews = load("reviews")
        for row in some(reviews, 4):
            row["REVIEW_CODE"] = "PN9"
        note("reviews participation outside the list", 4)
        save("reviews", cols, reviews)
    return injected


def render(comparisons: list[Comparison], injected: dict[str, int], notes: list[str]) -> str:
    lines = [
        START,
        "",
        f"Measured {dt.date.today().isoformat()} by `make validator-agreement` "
        f"({VALIDATOR}, ruleset {RULESET}).",
        "",
    ]
    lines += notes
    for dataset in dict.fromkeys(c.dataset for c in comparisons):
        mine = [c for c in comparisons if c.dataset == dataset]
        rows = sum(c.rows for c in mine)
        agreeing = sum(c.agreeing_rows for c in mine)
        lines += [
            "",
            f"### {dataset}",
            "",
            f"Row-level agreement over the {len(mine)} rule/table pairs: "
            f"**{100.0 * agreeing / rows:.2f}%** ({agreeing:,} of {rows:,} rule-row verdicts "
            "the same). Per rule (rows flagged by ours, by the validator, by both):",
            "",
            "| rule | table | rows | ours | validator | both | agreement | note |",
            "|---|---|---:|---:|---:|---:|---:|---|",
        ]
        for c in mine:
            note = EXPLAINED.get(c.rule_code, "") if c.ours != c.both or c.theirs != c.both else ""
            lines.append(
                f"| {c.rule_code} | {c.table} | {c.rows} | {c.ours} | {c.theirs} | {c.both} | "
                f"{c.agreement:.1f}% | {note} |"
            )
    if injected:
        lines += ["", "Errors injected into the synthetic return:", ""]
        lines += [f"- {what}: {n}" for what, n in injected.items()]
    lines += ["", END]
    return "\n".join(lines)


def write_doc(section: str, doc: Path = DOC) -> None:
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip() + "\n\n## Agreement with the public validator\n\n" + section + "\n"
    doc.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--children", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--fake-data", type=Path, help="the validator's tests/fake_data folder")
    parser.add_argument("--fake-year", type=int, default=2018)
    parser.add_argument("--no-doc", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args(argv)

    from dagster_project.quality.rules import all_rules
    from dagster_project.synthetic.generator import generate

    python = ensure_venv(args.venv)
    codes = [r.code for r in all_rules()]
    comparisons: list[Comparison] = []
    notes: list[str] = []
    injected: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="cla-agreement-") as tmp:
        work = Path(tmp)
        generate(work / "gen", children=args.children, years=3, seed=args.seed, source="ssda903")
        latest = max(int(p.name) for p in (work / "gen" / "ssda903").iterdir() if p.is_dir())
        year_dir = work / "gen" / "ssda903" / str(latest)
        injected = inject_errors(year_dir, latest)
        datasets = [(f"Synthetic LA {latest} with injected errors", year_dir, latest)]
        if args.fake_data:
            datasets.append(("The validator's public fake data", args.fake_data, args.fake_year))
        else:
            notes.append(
                "The validator's package does not ship its fake data (only its repository "
                "does); pass `--fake-data DIR` to include it."
            )
        for index, (name, folder, year) in enumerate(datasets):
            part = work / f"run{index}"
            part.mkdir()
            theirs, failed = run_validator(python, folder, year, codes, part)
            ours, sizes = run_ours(folder, year, part)
            if failed:
                notes.append(f"{name}: the validator could not run rule(s) {', '.join(failed)}.")
            in_both = [c for c in codes if c not in failed]
            comparisons += compare(name, ours, theirs, sizes, in_both)
    section = render(comparisons, injected, notes)
    print(section)
    if not args.no_doc:
        write_doc(section)
    print(json.dumps({"pairs": len(comparisons)}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
