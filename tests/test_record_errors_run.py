"""Issue 11's impact-aware gate end to end, through real `cla run` processes.

A five-year SSDA903 extract of 700 children (the synthetic LA's returns 2021-22 to
2025-26, written in DfE's file layout) carries record errors on 25 children, as real
returns carry them: a placement move keyed with the new episode starting three days
before the previous one ended (rule 501 overlap, and rule 388 since the X1 chain no
longer joins), or a day after it ended (rule 388 alone). Twenty are children who left
care before 2024-25 (their errors in the returns of those years); five are children who
came into care in 2025-26 and are looked after at 31 March 2026.

- It publishes (exit 0); `cla run` says "25 children with unresolved record errors; 5 in
  these figures"; every record error names one of the 25 children; dq_affected of
  children looked after and of starts at 31 March 2026 equal what the test counts from
  the files it wrote; the report marks those rows; placed-outside figures exist without
  any DfE file (the LA reference seed knows the LA's ONS code); a care leaver recorded as
  died (ACTIV and ACCOM 0, rule 344) is no finding.
- The same extract with an invalid legal status (C3) on 20% of the children looked after
  at 31 March 2026 is refused, naming children looked after (id and title) and its share,
  and the publication stays byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from dagster_project.synthetic.generator import generate

pytestmark = pytest.mark.slow

P = dt.date(2026, 3, 31)
WINDOW_START = dt.date(2025, 4, 1)  # P - 12 months + 1 day
FORMER, CURRENT = 20, 5
SHORT_BREAKS = ("V3", "V4")


def _day(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _text(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def _years(landing: Path) -> list[str]:
    return sorted(p.name for p in landing.iterdir() if p.is_dir())


def _chained_pair(rows: list[dict[str, str]]) -> tuple[dict, dict] | None:
    """The child's first X1 move: an episode ended X1 and the next starting that day."""
    ordered = sorted(rows, key=lambda r: _day(r["DECOM"]))
    for first, second in itertools.pairwise(ordered):
        if first["REC"] == "X1" and first["DEC"] and first["DEC"] == second["DECOM"]:
            end = _day(second["DEC"]) or P
            if (end - _day(second["DECOM"])).days > 2:  # room to move the start a day
                return first, second
    return None


def _looked_after_at(rows: list[dict[str, str]], day: dt.date) -> set[str]:
    return {
        r["CHILD"]
        for r in rows
        if r["LS"] not in SHORT_BREAKS
        and _day(r["DECOM"]) <= day
        and (not r["DEC"] or _day(r["DEC"]) > day)
    }


def _started(rows: list[dict[str, str]], start: dt.date, day: dt.date) -> set[str]:
    return {
        r["CHILD"]
        for r in rows
        if r["RNE"] == "S" and r["LS"] not in SHORT_BREAKS and start <= _day(r["DECOM"]) <= day
    }


def _ages(landing: Path) -> dict[str, dt.date]:
    born: dict[str, dt.date] = {}
    for year in _years(landing):
        for row in _read(landing / year / "header.csv")[1]:
            born[row["CHILD"]] = _day(row["DOB"])
    return born


@dataclass
class Injected:
    children: set[str]
    current: set[str]
    overlaps: int
    gaps: int


def inject_record_errors(landing: Path) -> Injected:
    """Break the X1 chains of 20 former and 5 current children in their latest return."""
    episodes = {y: _read(landing / y / "episodes.csv") for y in _years(landing)}
    in_years: dict[str, set[str]] = {}
    for year, (_, rows) in episodes.items():
        for row in rows:
            in_years.setdefault(row["CHILD"], set()).add(year)
    born = _ages(landing)
    latest = episodes["2026"][1]
    at_p = _looked_after_at(latest, P)
    first_start: dict[str, dt.date] = {}
    for _, rows in episodes.values():
        for row in rows:
            start = _day(row["DECOM"])
            first_start[row["CHILD"]] = min(first_start.get(row["CHILD"], start), start)
    chosen: dict[str, str] = {}  # child -> the latest return holding the broken move
    left_before = dt.date(2024, 4, 1)  # left care before 2024-25: in no figure at P
    for child in sorted(in_years):
        if len(chosen) == FORMER:
            break
        year = max(in_years[child])
        rows = [r for r in episodes[year][1] if r["CHILD"] == child]
        if (
            year <= "2024"
            and all(r["DEC"] and _day(r["DEC"]) < left_before for r in rows)
            and born[child] > dt.date(P.year - 15, P.month, P.day)  # no care leaver at P
            and _chained_pair(rows)
        ):
            chosen[child] = year
    current = 0
    for child in sorted(at_p):  # came into care in 2025-26, looked after at P
        if current == CURRENT:
            break
        rows = [r for r in latest if r["CHILD"] == child]
        if (
            in_years[child] == {"2026"}
            and first_start[child] >= WINDOW_START
            and _chained_pair(rows)
        ):
            chosen[child] = "2026"
            current += 1
    assert len(chosen) == FORMER + CURRENT, "the synthetic LA has enough X1 moves"
    overlaps = gaps = 0
    for n, (child, year) in enumerate(sorted(chosen.items())):
        first, second = _chained_pair([r for r in episodes[year][1] if r["CHILD"] == child])
        end, start = first["DEC"], second["DECOM"]
        if n % 2 == 0:  # the move keyed as starting before the last placement ended
            moved = _text(_day(end) - dt.timedelta(days=3))
            overlaps += 1
        else:  # the move keyed a day late: the chain no longer joins
            moved = _text(_day(end) + dt.timedelta(days=1))
            gaps += 1
        # the same episode in every return that carries it (an episode open over 31 March)
        for _, rows in episodes.values():
            for row in rows:
                if row["CHILD"] == child and row["DECOM"] == start:
                    row["DECOM"] = moved
    for year, (header, rows) in episodes.items():
        _write(landing / year / "episodes.csv", header, rows)
    current = {c for c, y in chosen.items() if y == "2026"}
    return Injected(set(chosen), current, overlaps, gaps)


def care_leaver_died(year_dir: Path) -> str:
    """Record the year's first care leaver as died: IN_TOUCH DIED with ACTIV and ACCOM 0,
    DfE's code for a young person who died or returned home (rule 344)."""
    header, oc3 = _read(year_dir / "oc3.csv")
    assert oc3, "the synthetic return has care leavers"
    oc3[0].update(IN_TOUCH="DIED", ACTIV="0", ACCOM="0")
    _write(year_dir / "oc3.csv", header, oc3)
    return oc3[0]["CHILD"]


def _cla(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dagster_project.cli", "run", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=1800,
    )


@dataclass
class Published:
    root: Path
    landing: Path
    injected: Injected
    run: subprocess.CompletedProcess
    output: Path
    warehouse: Path
    env: dict[str, str]
    died: str  # the care leaver recorded as died (IN_TOUCH DIED, ACTIV and ACCOM 0)

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.output / "cla_marts.duckdb"), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    root = tmp_path_factory.mktemp("record_errors")
    generate(root / "la", children=700, years=5, seed=21, source="ssda903", workers=1)
    landing = root / "la" / "ssda903"
    injected = inject_record_errors(landing)
    died = care_leaver_died(landing / "2026")
    home = root / "dagster_home"
    home.mkdir(mode=0o700)
    env = {"DAGSTER_HOME": str(home), "DBT_TARGET_PATH": str(root / "dbt_target")}
    output, warehouse = root / "publish", root / "work" / "cla.duckdb"
    run = _cla(
        "--input", str(landing), "--source", "ssda903", "--output", str(output),
        "--warehouse", str(warehouse), "--period-end", P.isoformat(), env=env,
    )  # fmt: skip
    return Published(root, landing, injected, run, output, warehouse, env, died)


def _findings(output: Path) -> list[dict[str, str]]:
    return _read(output / "quality" / "findings.csv")[1]


def test_the_extract_with_record_errors_publishes_and_says_how_many(published: Published) -> None:
    run = published.run
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    assert "25 children with unresolved record errors; 5 in these figures" in (
        run.stdout + run.stderr
    )
    assert published.injected.overlaps and published.injected.gaps
    errors = [f for f in _findings(published.output) if f["severity"] == "record_error"]
    assert {f["child_id"] for f in errors} == published.injected.children
    assert {f["rule_code"] for f in errors} == {"388", "501"}
    overlaps = {f["child_id"] for f in errors if f["rule_code"] == "501"}
    assert len(overlaps) == published.injected.overlaps
    assert not [f for f in errors if f["blocking"] == "True"]


def test_a_care_leaver_who_died_with_activity_and_accommodation_0_is_no_finding(
    published: Published,
) -> None:
    """0 is DfE's code for a care leaver who died or returned home: the run published (the
    test above) and no finding of the care-leaver rules names the young person."""
    about = {f["rule_code"] for f in _findings(published.output) if f["child_id"] == published.died}
    assert not about & {"131", "132", "133", "344", "345"}, about


def test_dq_affected_is_what_the_files_say(published: Published) -> None:
    """Counted from the episodes file the test wrote, not from the pipeline's tables."""
    latest = _read(published.landing / "2026" / "episodes.csv")[1]
    flagged = published.injected.children
    expected = {
        "cla_at_period_end": len(_looked_after_at(latest, P) & flagged),
        "cla_started": len(_started(latest, WINDOW_START, P) & flagged),
        "cla_started_ytd": len(_started(latest, dt.date(2025, 4, 1), P) & flagged),
    }
    assert expected["cla_at_period_end"] == CURRENT
    got = dict(
        published.query(
            "select indicator_id, dq_affected from indicator_values "
            "where period_end = ? and indicator_id in ('cla_at_period_end', 'cla_started', "
            "'cla_started_ytd')",
            [P],
        )
    )
    assert got == expected
    # no figure at P counts a child without an injected error, none more than the five
    members = published.query(
        "select distinct CHILD from indicator_members where period_end = ? and has_record_error",
        [P],
    )
    assert {m for (m,) in members} == published.injected.current
    report = published.query(
        "select indicator_id, dq_affected from indicator_report where period_end = ?", [P]
    )
    values = dict(
        published.query(
            "select indicator_id, dq_affected from indicator_values where period_end = ?", [P]
        )
    )
    assert report and all(values[i] == n for i, n in report)


def test_the_report_marks_affected_rows_and_states_the_totals(published: Published) -> None:
    from openpyxl import load_workbook

    html = (published.output / "report" / "panel_report.html").read_text(encoding="utf-8")
    assert "25 children with unresolved record errors; c in these figures" in html
    row = re.search(r'<tr data-indicator="cla_at_period_end" class="([^"]*)">', html)
    assert row and "dq-affected" in row.group(1).split()
    affected = {
        i
        for (i,) in published.query(
            "select indicator_id from indicator_report where period_end = ? and dq_affected > 0",
            [P],
        )
    }
    marked = set(re.findall(r'<tr data-indicator="(\w+)" class="[^"]*\bdq-affected\b', html))
    assert affected and marked == affected & marked and "cla_at_period_end" in marked
    workbook = load_workbook(next((published.output / "report").glob("*.xlsx")))
    about = {r[0]: r[1] for r in workbook["About"].iter_rows(values_only=True)}
    assert about["Data quality"] == "25 children with unresolved record errors; c in these figures"
    kpis = list(workbook["KPIs"].iter_rows(values_only=True))
    column = kpis[0].index("Record errors")
    assert {r[column] for r in kpis[1:]} == {"yes", "no"}


def test_placed_outside_the_la_without_dfe_files(published: Published) -> None:
    ((value, note),) = published.query(
        "select value, note from indicator_values "
        "where indicator_id = 'placed_outside_la_pct' and period_end = ?",
        [P],
    )
    assert value is not None and note is None


def _snapshot(output: Path) -> dict[str, str]:
    paths = [output / "cla_marts.duckdb", *sorted((output / "report").rglob("*"))]
    return {
        str(p.relative_to(output)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in paths
        if p.is_file()
    }


def test_a_fifth_of_children_with_invalid_legal_statuses_is_refused(
    published: Published, tmp_path: Path
) -> None:
    assert published.run.returncode == 0
    landing = tmp_path / "ssda903"
    shutil.copytree(published.landing, landing)
    header, rows = _read(landing / "2026" / "episodes.csv")
    at_p = sorted(_looked_after_at(rows, P))
    broken = set(at_p[::5])  # every fifth child looked after at P: 20%
    for row in rows:
        if row["CHILD"] in broken and row["LS"] not in SHORT_BREAKS:
            row["LS"] = "C3"  # not a legal status (C1, C2 are)
    _write(landing / "2026" / "episodes.csv", header, rows)
    output = tmp_path / "publish"
    shutil.copytree(published.output, output, symlinks=True)
    shutil.copytree(published.warehouse.parent, tmp_path / "work")
    warehouse = tmp_path / "work" / published.warehouse.name
    before = _snapshot(output)
    run = _cla(
        "--input", str(landing), "--source", "ssda903", "--output", str(output),
        "--warehouse", str(warehouse), "--period-end", P.isoformat(), env=published.env,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr[-3000:]
    affected = len(broken | (published.injected.current & set(at_p)))
    share = f"{100 * affected / len(at_p):.1f}%"
    assert (
        f"cla_at_period_end (Children looked after): {affected} of its "
        f"{len(at_p)} children ({share}) have unresolved record errors, above "
        "max_affected_share 5.0%"
    ) in run.stderr, run.stderr[-3000:]
    assert "FAILED; the previous publication is unchanged" in run.stderr
    assert _snapshot(output) == before
    refusals = [f for f in _findings(output) if f["blocking"] == "True"]
    assert {f["rule_code"] for f in refusals} == {"quality.max_affected_share"}
    assert not [c for c in published.injected.children if c in run.stdout + run.stderr]
