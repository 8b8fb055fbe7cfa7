"""Run our rule on one of the public validator's fixtures, as the typed return.

A fixture (scripts/validator_fixtures.py) holds, per call of the validator's `validate`,
the frames the rule received (text, as a file holds it; index labels kept), its metadata
and the rows it returned per table. Each frame becomes an *as seen* relation (its values
are what the validator's rule saw, after its own reading of the file), typed by the same
SQL as a landed return (quality/typed_return.py); the collection period comes from the
fixture's metadata. The result maps the validator's table names to the row labels flagged.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from dagster_project.date_forms import parse_date, parse_date_sql
from dagster_project.quality.context import RuleContext, prepare_seen
from dagster_project.quality.engine import run_rule, run_rules_into
from dagster_project.quality.rule import RETURN_TABLES, Rule
from dagster_project.reference.postcodes import load_postcodes
from scripts.validator_env import RULESETS, ruleset_year

# The validator's table names and ours (the 903 file names).
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
OURS = {v: k for k, v in TABLES.items()}
assert set(TABLES.values()) == set(RETURN_TABLES)
# A fixture column named otherwise than the 903 file (or the validator's reading of it) names
# it: rules 709 and 710 read the placement type as `PLACEMENT`, rule 231 the header's UASC
# flag as `UASC_STATUS`, rule 233 of lac2025_26 the episode's end as `DATE_EPISODE_CEASED`
# (the guidance's names for the items; on a real return the validator's rule finds no such
# column), and their fixtures write them so.
ALIASES = {
    ("Episodes", "PLACEMENT"): "PLACE",
    ("Header", "UASC_STATUS"): "UASC",
    ("Episodes", "DATE_EPISODE_CEASED"): "DEC",
}
# Rows the validator returns under another table's name than the table they are rows of:
# SW01STG1 returns the episodes' row labels as "SWEpisodes", 706 last year's DoLo rows as
# "DoLo". Ours reports the rows of the table they belong to; the labels compared are the same.
REPORTED_AS = {("SW01STG1", "episodes"): "SWEpisodes", ("706", "dolo_last"): "DoLo"}


@dataclass(frozen=True)
class Fixture:
    ruleset: str
    module: str
    code: str
    status: str
    calls: list[dict]

    @property
    def year(self) -> int:
        return ruleset_year(self.ruleset)


def _ours(name: str) -> str | None:
    last = name.endswith("_last")
    base = TABLES.get(name.removesuffix("_last"))
    return None if base is None else base + ("_last" if last else "")


def _validator_table(ours: str) -> str:
    last = ours.endswith("_last")
    return OURS[ours.removesuffix("_last")] + ("_last" if last else "")


@cache
def registries(folder: Path) -> dict[str, dict[str, str]]:
    return json.loads((folder / "registries.json").read_text())


def fixtures_of(folder: Path, code: str) -> list[Fixture]:
    """Every variant's fixture of `code` that is DfE's rule in at least one ruleset, each
    with the first ruleset it is the rule of (the year our matching variant must cover)."""
    found = []
    regs = registries(folder)
    for path in sorted(folder.glob("lac*.json")):
        record = json.loads(path.read_text())
        if record["code"].lower() != code.lower():
            continue
        active = [r for r in RULESETS if regs.get(r, {}).get(record["code"]) == record["module"]]
        if not active:
            continue  # a module no registry uses
        found.append(
            Fixture(active[0], record["module"], record["code"], record["status"], record["calls"])
        )
    return found


def validator_codes(folder: Path, ruleset: str) -> set[str]:
    return set(registries(folder)[ruleset])


def _period(metadata: dict, year: int) -> tuple[dt.date, dt.date]:
    start = parse_date(metadata.get("collection_start"))
    end = parse_date(metadata.get("collection_end"))
    if start is None and end is None:
        ctx = RuleContext.for_year(year)
        return ctx.start, ctx.end
    if start is None:
        start = dt.date(end.year - 1, end.month, end.day) + dt.timedelta(days=1)  # type: ignore[union-attr]
    if end is None:
        end = dt.date(start.year + 1, start.month, start.day) - dt.timedelta(days=1)
    return start, end  # type: ignore[return-value]


def _letters(tables: dict) -> set[str]:
    """First letters of the fixture's postcodes (the ONS directory is loaded by letter)."""
    letters = set()
    for table in tables.values():
        for column in ("HOME_POST", "PL_POST"):
            if column in table["columns"]:
                i = table["columns"].index(column)
                letters |= {r[i].strip()[0].upper() for r in table["rows"] if r[i] and r[i].strip()}
    return {c for c in letters if "A" <= c <= "Z"}


def _provider_info(con: duckdb.DuckDBPyConnection, ctx: RuleContext, frame: dict) -> None:
    """The Ofsted provider lists a validator user uploads (its `provider_info`), as the
    rules read them: URN, PLACE_CODES and PROVIDER_CODES (comma-separated), REG_END (a
    date), POSTCODE (upper case, no spaces), LA_CODE_INFERRED."""
    cols = frame["columns"]
    con.execute("create table fx_provider_text (" + ", ".join(f'"{c}" varchar' for c in cols) + ")")
    if frame["rows"]:
        marks = ", ".join("?" for _ in cols)
        con.executemany(f"insert into fx_provider_text values ({marks})", frame["rows"])
    wanted = ("URN", "PLACE_CODES", "PROVIDER_CODES", "POSTCODE", "LA_CODE_INFERRED")
    select = [f'"{c}"' if c in cols else f"cast(null as varchar) as {c}" for c in wanted]
    reg_end = parse_date_sql('"REG_END"') if "REG_END" in cols else "cast(null as date)"
    con.execute(
        f"create table fx_provider_info as select {', '.join(select)}, {reg_end} as REG_END "
        "from fx_provider_text"
    )
    ctx.tables["provider_info"] = "fx_provider_info"


def run_call(rule: Rule, call: dict, year: int, workers: int = 1) -> dict[str, set[object]] | None:
    """Our rule on one call's frames: row labels flagged per validator table, or None when
    the rule could not run (a table it reads is not in the fixture).

    `workers` > 1: as `cla validate` shares its work (`RuleContext.workers`), the typed
    return in the database's main schema and the rule run by `run_rules_into` on another
    connection, which sees none of the first connection's temporary objects."""
    con = duckdb.connect()
    try:
        tables = call["input"]["tables"]
        metadata = call["input"]["metadata"]
        start, end = _period(metadata, year)
        ctx = RuleContext(year=year, start=start, end=end, la_code=metadata.get("localAuthority"))
        ctx.workers = workers
        ctx.file_format = "xml" if metadata.get("file_format") == "xml" else "csv"
        seen: dict[str, tuple[str, set[str]]] = {}
        labels: dict[str, list[object]] = {}
        for name, table in tables.items():
            ours = _ours(name)
            if ours is None:
                continue
            relation = f"fx_{ours}"
            given = [c for c in table["columns"] if c.replace("_", "").isalnum()]
            given = list(dict.fromkeys(given))
            named = {c: ALIASES.get((name.removesuffix("_last"), c), c) for c in given}
            if len(set(named.values())) < len(named):  # an alias and the file's own column
                named = {c: c for c in given}
            cols = [named[c] for c in given]
            defs = ", ".join(f'"{c}" varchar' for c in cols)
            con.execute(
                f"create table {relation} ({defs + ', ' if defs else ''}"
                "_source_file varchar, _row_number bigint)"
            )
            positions = [table["columns"].index(c) for c in given]
            rows = [
                [*(row[i] for i in positions), name, n]
                for n, row in enumerate(table["rows"], start=1)
            ]
            if rows:
                marks = ", ".join("?" for _ in range(len(cols) + 2))
                con.executemany(f"insert into {relation} values ({marks})", rows)
            seen[ours] = (relation, {*cols, "_source_file", "_row_number"})
            labels[ours] = table["index"]
        if "postcodes" in rule.tables_used:
            load_postcodes(con, _letters(tables))
        prepare_seen(con, ctx, seen)
        if isinstance(metadata.get("provider_info"), dict):
            _provider_info(con, ctx, metadata["provider_info"]["frame"])
        if not ctx.has(rule.required_tables):
            return None
        if workers > 1:
            other = con.cursor()
            run_rules_into(other, ctx, (rule,), "_found")
            found = other.execute("select table_name, row_number from _found").df()
        else:
            found = run_rule(con, rule, ctx, rule.severity)
    finally:
        con.close()
    flagged: dict[str, set[object]] = {}
    for table_name, row_number in zip(found["table_name"], found["row_number"], strict=True):
        if pd.isna(row_number) or table_name not in labels:
            continue
        reported = REPORTED_AS.get((rule.code, table_name), _validator_table(table_name))
        flagged.setdefault(reported, set()).add(labels[table_name][int(row_number) - 1])
    return flagged
