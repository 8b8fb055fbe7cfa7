"""Agreement with the public DfE 903 validator (`make validator-agreement`; not a CI test).

The public validator (`csc-validator-be-903`, data-to-insight) runs in its own venv
(scripts/validator_env.py). Both tools read the same SSDA903 files:

- the validator's own public fake data (`tests/fake_data/` of its repository, a 2017-18
  return; the package does not ship it: give `--fake-data DIR`, or `--validator-repo GIT`
  to read it from a clone), compared once per validator ruleset (lac2022_23 ... lac2026_27:
  each ruleset's rules and code lists, ours of the same year, on the 2017-18 return);
- a synthetic LA's latest return with injected errors, compared with its year's ruleset.

Our side is `cla validate`'s: the files landed into an in-memory DuckDB, typed, DfE's rules
run; the validator runs only the rules we have. Row by row (table, data row of the file)
the report gives, per ruleset, the row-level agreement (the share of rule-row verdicts,
flag or not, the two make the same) and the overlap (of the rows either tool flags, the
share both flag), and per rule the rows each flags; it rewrites docs/quality.md between the
agreement markers.

    .venv/bin/python -m scripts.validator_agreement [--fake-data DIR | --validator-repo GIT]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dagster_project.quality.rules import rules_for
from dagster_project.quality.validate_return import land_return, run_dfe_rules
from dagster_project.ssda903_files import RETURN_FILES
from scripts.validator_env import (
    REPO_ROOT,
    RULESETS,
    VALIDATOR,
    ensure_venv,
    ruleset_year,
    year_ruleset,
)

DOC = REPO_ROOT / "docs" / "quality.md"
START, END = "<!-- agreement:start -->", "<!-- agreement:end -->"
# The validator's public fake data is a 2017-18 return.
FAKE_YEAR = 2018
# The reporting LA both tools are told (Harrow): PL_LOCATION and rules 411, 1015 read it.
VALIDATOR_LA = "E09000015"
# The validator recognises a file by its exact set of columns: the files of a return.
FILES = {kind: list(cols) for kind, cols in RETURN_FILES.items()}
VALIDATOR_FILE_NAMES = {"dolo": "DoLo.csv"}

# Runs inside the validator's venv: its public API, the rules to run, findings as CSV.
DRIVER = """
import csv, importlib, sys, logging
logging.disable(logging.CRITICAL)
from lac_validator import lac_validator
from lac_validator.utils import process_uploaded_files
import copy
folder, ruleset, year, out, codes, isolate, la = sys.argv[1:8]
if isolate == "1":
    # The validator hands each rule a shallow copy of the data, so a rule that changes
    # values in place changes what later rules see; here each rule gets its own deep copy,
    # as it would see the return if run alone.
    lac_validator.copy_datastore = lambda store: {
        k: (v.copy(deep=True) if k != "metadata" else copy.deepcopy(v)) for k, v in store.items()
    }
import dataclasses
import pandas as pd
rules = importlib.import_module(f"lac_validator.rules.{ruleset}")
# A rule returning rows under another table's name than theirs (SW01STG1 returns the
# episodes' row labels as "SWEpisodes"): read as the rows they are. A rule returning row
# labels its table does not have would stop the validator's whole run: it is counted as
# a rule the validator could not run instead.
REPORTED_AS = {"SW01STG1": {"SWEpisodes": "Episodes"}}
def checked(definition):
    rename = REPORTED_AS.get(definition.code, {})
    def run(dfs):
        found = {rename.get(t, t): rows for t, rows in definition.func(dfs).items()}
        for table, rows in found.items():
            labels = {r for r in rows if pd.notna(r)}
            if table in dfs and not labels <= set(dfs[table].index):
                raise KeyError(f"rule {definition.code}: rows {table} does not have")
        return found
    return dataclasses.replace(definition, func=run)
registry = {code: checked(d) for code, d in rules.registry.items()}
files = process_uploaded_files({"This year": [f"{folder}/{n}" for n in sys.argv[8:]]})
v = lac_validator.LacValidator(
    metadata={"collectionYear": year, "localAuthority": la},
    files=files, registry=registry, selected_rules=codes.split(","),
)
with open(out, "w", newline="") as handle:
    w = csv.writer(handle)
    w.writerow(["rule_code", "table", "row_number"])
    for table, frame in v.ds_results.items():
        if table == "metadata":
            continue
        for col in [c for c in frame.columns if str(c).startswith("ERR_")]:
            for position, flagged in enumerate(frame[col].tolist()):
                if flagged == True:
                    w.writerow([col[4:], table, position + 1])
print("failed:", ",".join(v.fails), file=sys.stderr)
"""
# The validator's table names and ours.
TABLES = {
    "Header": "header",
    "Episodes": "episodes",
    "UASC": "uasc",
    "OC2": "oc2",
    "OC3": "oc3",
    "AD1": "ad1",
    "PlacedAdoption": "placed_for_adoption",
    "PrevPerm": "previous_permanence",
    "Missing": "missing",
    "Reviews": "reviews",
    "SWEpisodes": "sw_episodes",
    "DoLo": "dolo",
}


@dataclass
class Comparison:
    dataset: str
    ruleset: str
    rule_code: str
    table: str
    rows: int
    ours: int
    theirs: int
    both: int
    isolated: bool = True  # the validator's rules each on their own copy of the return

    @property
    def either(self) -> int:
        return self.ours + self.theirs - self.both

    @property
    def agreeing_rows(self) -> int:
        return self.rows - (self.either - self.both)

    @property
    def agreement(self) -> float:
        return 100.0 * self.agreeing_rows / self.rows if self.rows else 100.0


def return_files(folder: Path, target: Path) -> list[str]:
    """The return's files with exactly the validator's columns, rows in the same order."""
    target.mkdir(parents=True, exist_ok=True)
    names = []
    for kind, cols in FILES.items():
        source = folder / VALIDATOR_FILE_NAMES.get(kind, f"{kind}.csv")
        if not source.exists():
            continue
        with source.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        name = f"{kind}.csv"
        with (target / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=cols, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({c: r.get(c) or "" for c in cols} for r in rows)
        names.append(name)
    return names


def run_validator(
    python: Path,
    folder: Path,
    ruleset: str,
    year: int,
    codes: list[str],
    work: Path,
    isolate: bool = True,
):
    """The validator's findings (rule, table, data row) for `codes` of `ruleset`; with
    `isolate` each rule reads its own copy of the return (see DRIVER)."""
    names = return_files(folder, work / "input")
    driver = work / "driver.py"
    driver.write_text(DRIVER)
    out = work / f"validator_{ruleset}_{int(isolate)}.csv"
    done = subprocess.run(
        [str(python), str(driver), str(work / "input"), ruleset, str(year), str(out),
         ",".join(codes), "1" if isolate else "0", VALIDATOR_LA, *names],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"validator failed:\n{done.stderr[-4000:]}")
    failed = done.stderr.strip().splitlines()[-1].removeprefix("failed:").strip()
    found = pd.read_csv(out, dtype=str)
    found["table"] = found["table"].map(TABLES)
    return found, [c for c in failed.split(",") if c]


def run_ours(folder: Path, year: int, rules_year: int, work: Path):
    """`cla validate`'s path: land, type, run DfE's rules of `rules_year`."""
    names = return_files(folder, work / "ours")
    con = duckdb.connect()
    try:
        land_return(con, work / "ours", year)
        found = run_dfe_rules(con, year, rules_year, la_code=VALIDATOR_LA).findings
        sizes = {
            kind: con.execute(f"select count(*) from raw.ssda903_{kind}").fetchone()[0]
            for kind in (n.removesuffix(".csv") for n in names)
        }
    finally:
        con.close()
    return found, sizes


def compare(
    dataset, ruleset, ours, theirs, sizes, codes, tables_of, isolated=True
) -> list[Comparison]:
    out = []
    for code in codes:
        mine = ours[ours["rule_code"] == code]
        tables = set(mine["table_name"]) | set(theirs.loc[theirs["rule_code"] == code, "table"])
        tables |= {tables_of[code]}
        for table in sorted(t for t in tables if t in sizes):
            a = {int(n) for n in mine.loc[mine["table_name"] == table, "row_number"].dropna()}
            sel = (theirs["rule_code"] == code) & (theirs["table"] == table)
            b = {int(n) for n in theirs.loc[sel, "row_number"]}
            out.append(
                Comparison(
                    dataset,
                    ruleset,
                    code,
                    table,
                    sizes[table],
                    len(a),
                    len(b),
                    len(a & b),
                    isolated,
                )
            )
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

    def some(rows, n: int, where=lambda r: True) -> list[dict[str, str]]:
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
    for row in some(episodes, 5, lambda r: bool(r["DEC"])):
        row["DEC"], row["DECOM"] = row["DECOM"], row["DEC"]
    note("episodes DEC before DECOM", 5)
    for row in some(episodes, 4):
        row["DECOM"] = "31/02/" + str(year - 1)
    note("episodes DECOM not a date", 4)
    for row in some(episodes, 3, lambda r: bool(r["DEC"])):
        row["DEC"] = "soon"
    note("episodes DEC not a date", 3)
    for row in some(episodes, 3, lambda r: not r["DEC"]):
        row["REC"] = "E11"
    note("episodes REC on an open episode", 3)
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

    cols, missing = load("missing")
    for row in some(missing, 4):
        row["MISSING"] = "Q"
    note("missing MISSING outside the list", 4)
    for row in some(missing, 3, lambda r: bool(r["MIS_END"])):
        row["MIS_START"], row["MIS_END"] = row["MIS_END"], row["MIS_START"]
    note("missing MIS_END before MIS_START", 3)
    for row in some(missing, 2):
        row["MIS_START"] = ""
    note("missing MIS_START blank", 2)
    save("missing", cols, missing)
    cols, oc3 = load("oc3")
    for field, bad in (("IN_TOUCH", "MAYBE"), ("ACTIV", "Z9"), ("ACCOM", "B3")):
        for row in some(oc3, 3, lambda r, f=field: bool(r[f])):
            row[field] = bad
        note(f"oc3 {field} outside the code list", 3)
    save("oc3", cols, oc3)
    cols, oc2 = load("oc2")
    for row in some(oc2, 3):
        row["IMMUNISATIONS"] = "2"
    note("oc2 an item other than 0/1", 3)
    for row in some(oc2, 3):
        row["SDQ_SCORE"] = "41"
    note("oc2 SDQ score over 40", 3)
    for row in some(oc2, 2):
        row["SDQ_SCORE"] = "39.5"
    note("oc2 SDQ score not a whole number", 2)
    oc2 += [dict(r) for r in some(oc2, 2)]
    note("oc2 duplicate rows", 2)
    save("oc2", cols, oc2)
    cols, reviews = load("reviews")
    for row in some(reviews, 4):
        row["REVIEW_CODE"] = "PN9"
    note("reviews participation outside the list", 4)
    save("reviews", cols, reviews)
    return injected


def fake_data_from_repo(git_dir: Path, target: Path) -> Path:
    """The validator's tests/fake_data/*.csv from a clone (bare or not) of its repository."""
    target.mkdir(parents=True, exist_ok=True)
    names = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "--name-only", "HEAD", "tests/fake_data/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in names:
        if name.endswith(".csv"):
            blob = subprocess.run(
                ["git", f"--git-dir={git_dir}", "show", f"HEAD:{name}"],
                capture_output=True,
                check=True,
            ).stdout
            (target / Path(name).name).write_bytes(blob)
    return target


def figures(mine: list[Comparison]) -> tuple[float, float]:
    """Row-level agreement (rule-row verdicts the same) and overlap (of the rows either tool
    flags, the share both flag), in percent."""
    rows = sum(c.rows for c in mine)
    agreeing = sum(c.agreeing_rows for c in mine)
    either = sum(c.either for c in mine)
    both = sum(c.both for c in mine)
    return (
        100.0 * agreeing / rows if rows else 100.0,
        100.0 * both / either if either else 100.0,
    )


def render(comparisons: list[Comparison], injected: dict[str, int], notes: list[str]) -> str:
    lines = [
        START,
        "",
        f"Measured {dt.date.today().isoformat()} by `make validator-agreement` ({VALIDATOR}).",
        "",
        *notes,
    ]
    for dataset in dict.fromkeys(c.dataset for c in comparisons):
        lines += [
            "",
            f"### {dataset}",
            "",
            "| ruleset | rules compared | row-level agreement | of the rows either flags, "
            "flagged by both | the same, as the validator runs its rules |",
            "|---|---:|---:|---:|---:|",
        ]
        for ruleset in dict.fromkeys(c.ruleset for c in comparisons if c.dataset == dataset):
            mine = [
                c
                for c in comparisons
                if (c.dataset, c.ruleset) == (dataset, ruleset) and c.isolated
            ]
            as_run = [
                c
                for c in comparisons
                if (c.dataset, c.ruleset) == (dataset, ruleset) and not c.isolated
            ]
            agreement, overlap = figures(mine)
            _, overlap_as_run = figures(as_run)
            lines.append(
                f"| {ruleset} | {len({c.rule_code for c in mine})} | {agreement:.2f}% | "
                f"{overlap:.1f}% | {overlap_as_run:.1f}% |"
            )
        as_run = sorted(
            {
                c.rule_code
                for c in comparisons
                if c.dataset == dataset and not c.isolated and c.either != c.both
            },
            key=lambda code: (int("".join(ch for ch in code if ch.isdigit()) or 0), code),
        )
        if as_run:
            lines += ["", "As the validator runs its rules, they differ on: " + ", ".join(as_run)]
        differing = [
            c for c in comparisons if c.dataset == dataset and c.isolated and c.either != c.both
        ]
        if differing:
            lines += [
                "",
                "Rules where the two differ (rows flagged by ours, by the validator, by both):",
                "",
                "| ruleset | rule | table | rows | ours | validator | both |",
                "|---|---|---|---:|---:|---:|---:|",
            ]
            lines += [
                f"| {c.ruleset} | {c.rule_code} | {c.table} | {c.rows} | {c.ours} | "
                f"{c.theirs} | {c.both} |"
                for c in differing
            ]
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


def compare_dataset(python, name, folder, year, rulesets, work, notes) -> list[Comparison]:
    out: list[Comparison] = []
    for ruleset in rulesets:
        rules_year = ruleset_year(ruleset)
        ours_rules = [r for r in rules_for(rules_year) if r.dfe]
        codes = [r.code for r in ours_rules]
        part = work / f"{name[:8].replace(' ', '_')}_{ruleset}"
        part.mkdir(parents=True)
        ours, sizes = run_ours(folder, year, rules_year, part)
        tables_of = {r.code: r.table for r in ours_rules}
        for isolate in (True, False):
            theirs, failed = run_validator(python, folder, ruleset, year, codes, part, isolate)
            if failed and isolate:
                notes.append(
                    f"{name}, {ruleset}: the validator could not run rule(s) {', '.join(failed)}."
                )
            in_both = [c for c in codes if c not in failed]
            out += compare(name, ruleset, ours, theirs, sizes, in_both, tables_of, isolate)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--fake-data", type=Path, help="the validator's tests/fake_data folder")
    parser.add_argument("--validator-repo", type=Path, help="a clone of the validator (git dir)")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args(argv)

    from dagster_project.synthetic.generator import generate

    python = ensure_venv()
    comparisons: list[Comparison] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cla-agreement-") as tmp:
        work = Path(tmp)
        fake = args.fake_data
        if fake is None and args.validator_repo is not None:
            fake = fake_data_from_repo(args.validator_repo, work / "fake_data")
        if fake is not None:
            comparisons += compare_dataset(
                python, "The validator's public fake data (a 2017-18 return)", fake, FAKE_YEAR,
                RULESETS, work, notes,
            )  # fmt: skip
        else:
            notes.append(
                "The validator's package does not ship its fake data: pass `--fake-data DIR` "
                "or `--validator-repo GIT` to include it."
            )
        generate(work / "gen", children=args.children, years=3, seed=args.seed, source="ssda903")
        latest = max(int(p.name) for p in (work / "gen" / "ssda903").iterdir() if p.is_dir())
        year_dir = work / "gen" / "ssda903" / str(latest)
        injected = inject_errors(year_dir, latest)
        comparisons += compare_dataset(
            python, f"Synthetic LA {latest - 1}-{latest % 100:02d} with injected errors",
            year_dir, latest, [year_ruleset(latest)], work, notes,
        )  # fmt: skip
    section = render(comparisons, injected, notes)
    print(section)
    if not args.no_doc:
        write_doc(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
