"""Issue 12 end to end, with real `cla run` processes on a synthetic LA with hostile values.

- Two `cla run` at once on one warehouse and one output (the second started the moment
  the first holds its lock): the first publishes exactly its own input, the second is
  refused naming the lock and the holder's run id. (Two processes taking a lock at the
  same instant: tests/test_run_isolation.py.)
- Every file the run wrote (logs, Dagster's run storage and event log in a persistent
  DAGSTER_HOME, dbt's target folder, the publication, the quality page) is scanned for the
  input's dates of birth, UPNs, postcodes, a `<script>` and an `=HYPERLINK` child ID: they
  are only in `findings.csv` and the DuckDB files (warehouse, marts).
- Every file and folder the run created is private; the publication is readable by the
  configured group only.
- Structural refusals (an extract of headers only, an older or truncated extract, a file
  without its header) leave the publication byte-identical, name the file and check, and
  quote no value. (An empty persons.csv alone: tests/test_run_isolation.py, landing only.)
"""

from __future__ import annotations

import csv
import grp
import hashlib
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
import yaml

from dagster_project.runlock import warehouse_lock_path
from dagster_project.settings import CONFIG_DIR
from dagster_project.synthetic.generator import generate

pytestmark = pytest.mark.slow

EXTRACT = "2026-03-31"
HOSTILE_ID = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
ALLOWED = re.compile(r"(^findings\.csv$|\.duckdb$|\.duckdb\.wal$)")


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


@dataclass
class Tokens:
    """Distinctive values of the input that must not leak."""

    values: list[str] = field(default_factory=list)

    def found_in(self, data: bytes) -> list[str]:
        return [v for v in self.values if v.encode() in data]


def _make_hostile(extract: Path) -> Tokens:
    """Give one child a formula as ID and a script as ethnicity; collect DOBs, UPNs and
    postcodes of real rows as the tokens to look for."""
    tokens = Tokens()
    header, persons = _read(extract / "persons.csv")
    col = {name: i for i, name in enumerate(header)}
    hostile = persons[0][col["PERSON_ID"]]
    for row in persons[1:]:
        dob = row[col["DATE_OF_BIRTH"]]
        day, month, year = dob.split("/")
        if (day, month) in (("31", "03"), ("30", "06"), ("30", "09"), ("31", "12")):
            continue  # a quarter end may be a reporting date: not distinctive
        tokens.values += [dob, f"{year}-{month}-{day}", row[col["UPN"]]]
        if len(tokens.values) >= 12:
            break
    persons[0][col["ETHNICITY"]] = SCRIPT
    _write(extract / "persons.csv", header, persons)
    postcodes: set[str] = set()
    for name in sorted(p.name for p in extract.glob("*.csv")):
        header, rows = _read(extract / name)
        if "PERSON_ID" in header:
            i = header.index("PERSON_ID")
            for row in rows:
                if row[i] == hostile:
                    row[i] = HOSTILE_ID
        for column in ("PLACEMENT_POSTCODE", "HOME_POSTCODE"):
            if column in header:
                j = header.index(column)
                postcodes |= {r[j] for r in rows[:40] if len(r[j].replace(" ", "")) >= 6}
        _write(extract / name, header, rows)
    chosen = sorted(postcodes)[:6]
    tokens.values += chosen + [p.replace(" ", "") for p in chosen]
    tokens.values += [SCRIPT, "HYPERLINK("]
    return tokens


def _cla(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dagster_project.cli", "run", *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@dataclass
class Shared:
    root: Path
    hostile: Path  # Mosaic input folder of the hostile LA
    plain: Path
    warehouse: Path
    output: Path
    dagster_home: Path
    dbt_target: Path
    config: Path
    group: str
    tokens: Tokens
    race: dict[str, subprocess.CompletedProcess]
    hostile_run: subprocess.CompletedProcess

    def env(self) -> dict[str, str]:
        return {
            "DAGSTER_HOME": str(self.dagster_home),
            "DBT_TARGET_PATH": str(self.dbt_target),
            "CLA_CONFIG": str(self.config),
        }


def _finish(process: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = process.communicate(timeout=1800)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Shared:
    root = tmp_path_factory.mktemp("safety")
    generate(root / "hostile", children=80, years=3, seed=5, source="mosaic", workers=1)
    generate(root / "plain", children=40, years=3, seed=9, source="mosaic", workers=1)
    tokens = _make_hostile(root / "hostile" / "mosaic" / EXTRACT)
    dagster_home = root / "dagster_home"
    dagster_home.mkdir(mode=0o700)
    group = grp.getgrgid(os.getgid()).gr_name
    config = yaml.safe_load((CONFIG_DIR / "pipeline.yaml").read_text())
    config["publication"]["group"] = group
    (root / "pipeline.yaml").write_text(yaml.safe_dump(config))
    shared = Shared(
        root=root,
        hostile=root / "hostile" / "mosaic",
        plain=root / "plain" / "mosaic",
        warehouse=root / "work" / "cla.duckdb",
        output=root / "publish",
        dagster_home=dagster_home,
        dbt_target=root / "dbt_target",
        config=root / "pipeline.yaml",
        group=group,
        tokens=tokens,
        race={},
        hostile_run=subprocess.CompletedProcess([], 0),
    )
    where = ["--output", str(shared.output), "--warehouse", str(shared.warehouse)]
    # two runs at once on the same warehouse and output: the hostile LA's first, the plain
    # LA's the moment the first holds its lock (so the hostile run is the one that publishes,
    # and the suite never needs a third run to get its publication)
    hostile = _cla("--input", str(shared.hostile), "--source", "mosaic", *where, env=shared.env())
    lock = warehouse_lock_path(shared.warehouse)
    deadline = time.monotonic() + 300
    while not (lock.exists() and lock.stat().st_size) and hostile.poll() is None:
        assert time.monotonic() < deadline, "the first run never took its lock"
        time.sleep(0.05)
    plain = _cla("--input", str(shared.plain), "--source", "mosaic", *where, env=shared.env())
    shared.race = {"hostile": _finish(hostile), "plain": _finish(plain)}
    shared.hostile_run = shared.race["hostile"]
    return shared


def _run_id(text: str) -> str:
    return re.search(r"run ([0-9a-f-]{36}) succeeded", text).group(1)


def _published(output: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(output / "cla_marts.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_two_concurrent_runs_one_publishes_its_own_input_the_other_is_refused(
    shared: Shared,
) -> None:
    codes = {name: r.returncode for name, r in shared.race.items()}
    assert codes == {"hostile": 0, "plain": 3}, {
        n: r.stderr[-3000:] for n, r in shared.race.items()
    }
    winner_id = _run_id(shared.race["hostile"].stdout)
    refusal = shared.race["plain"].stderr
    assert "REFUSED" in refusal and f"held by run {winner_id}" in refusal
    assert ".lock" in refusal and "changed nothing" in refusal
    # the winner's input, exactly: its run id, its extract, its children
    folder = shared.hostile
    assert _published(shared.output, "select run_id from publication_info") == [(winner_id,)]
    _, periods = _read(folder / EXTRACT / "periods_of_care.csv")
    children = {r[1] for r in periods}
    header = {r[0] for r in _published(shared.output, "select CHILD from ssda903_header")}
    assert header == children


def test_the_hostile_run_published_its_own_input(shared: Shared) -> None:
    run = shared.hostile_run
    assert run.returncode == 0, run.stderr[-3000:]
    run_id = _run_id(run.stdout)
    assert _published(shared.output, "select run_id from publication_info") == [(run_id,)]
    _, periods = _read(shared.hostile / EXTRACT / "periods_of_care.csv")
    header = {r[0] for r in _published(shared.output, "select CHILD from ssda903_header")}
    assert header == {r[1] for r in periods} and HOSTILE_ID in header


def _written(shared: Shared) -> list[Path]:
    """Every file the runs wrote (the publication through its releases)."""
    roots = [shared.warehouse.parent, shared.output, shared.dagster_home, shared.dbt_target]
    return sorted(p for r in roots for p in r.rglob("*") if p.is_file() and not p.is_symlink())


def test_personal_values_are_only_in_findings_and_the_databases(shared: Shared) -> None:
    leaks: dict[str, list[str]] = {}
    seen_in_findings: set[str] = set()
    files = _written(shared)
    names = {p.name for p in files}
    assert {"findings.csv", "rule_summary.csv", "index.html", "panel_report.html"} <= names
    assert any(p.suffix == ".db" for p in files)  # Dagster's sqlite run and event storage
    assert any(p.name.startswith("cla-run-") for p in files)  # the run log
    for path in files:
        found = shared.tokens.found_in(path.read_bytes())
        if ALLOWED.search(path.name):
            if path.name == "findings.csv":
                seen_in_findings |= set(found)
            continue
        if found:
            leaks[str(path)] = found
    for stream in (shared.hostile_run.stdout, shared.hostile_run.stderr):
        if shared.tokens.found_in(stream.encode()):
            leaks["stdout/stderr"] = shared.tokens.found_in(stream.encode())
    assert leaks == {}
    # the hostile values did reach the caseworker's file, neutralised against formulas
    assert SCRIPT in seen_in_findings and "HYPERLINK(" in seen_in_findings
    text = (shared.output / "quality" / "findings.csv").read_text(encoding="utf-8")
    assert f"'{HOSTILE_ID}" in text.replace('""', '"')
    assert not re.search(r'(^|,)"?=HYPERLINK', text, re.MULTILINE)


def test_everything_the_run_created_is_private_and_the_publication_group_readable(
    shared: Shared,
) -> None:
    gid = grp.getgrnam(shared.group).gr_gid
    publication = shared.output.resolve()
    bad = []
    roots = [shared.warehouse.parent, shared.output, shared.dbt_target]
    roots += [p for p in shared.dagster_home.iterdir()]
    for root in roots:
        for path in [root, *root.rglob("*")]:
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                continue
            mode = stat.S_IMODE(info.st_mode)
            is_dir = stat.S_ISDIR(info.st_mode)
            if path == publication / ".staging":
                want_private = mode == 0o700  # work in progress stays private
                if not want_private:
                    bad.append((str(path), oct(mode)))
            elif publication in (path.resolve(), *path.resolve().parents):
                want = 0o750 if is_dir else 0o640
                if mode != want or info.st_gid != gid:
                    bad.append((str(path), oct(mode), info.st_gid))
            elif mode & 0o077:
                bad.append((str(path), oct(mode)))
    assert bad == []
    assert not list(shared.output.glob(".cla-run.lock"))  # released at the end


# --- structural refusals -------------------------------------------------------------------


def _copy_state(shared: Shared, target: Path) -> tuple[Path, Path]:
    shutil.copytree(shared.output, target / "publish", symlinks=True)
    shutil.copytree(shared.warehouse.parent, target / "work")
    return target / "publish", target / "work" / "cla.duckdb"


def _snapshot(output: Path) -> dict[str, str]:
    """What a refusal must leave byte-identical: the database and the report."""
    paths = [output / "cla_marts.duckdb", *sorted((output / "report").rglob("*"))]
    return {
        str(p.relative_to(output)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in paths
        if p.is_file()
    }


def _extract_copy(shared: Shared, target: Path, name: str) -> Path:
    folder = target / "input" / name
    shutil.copytree(shared.hostile / EXTRACT, folder)
    return folder


def _mosaic_run(
    source: Path, output: Path, warehouse: Path, *extra: str, env: dict[str, str]
) -> subprocess.Popen:
    """`cla run` of the Mosaic extracts in `source` into `output` and `warehouse`."""
    where = ["--output", str(output), "--warehouse", str(warehouse)]
    return _cla("--input", str(source), "--source", "mosaic", *where, *extra, env=env)


def _refused(
    shared: Shared, tmp: Path, folder: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess, Path]:
    output, warehouse = _copy_state(shared, tmp)
    before = _snapshot(output)
    run = _finish(
        _mosaic_run(folder.parent, output, warehouse, *extra, env={**shared.env(), **(env or {})})
    )
    assert run.returncode == 1, run.stdout + run.stderr[-3000:]
    assert "FAILED; the previous publication is unchanged" in run.stderr
    assert _snapshot(output) == before
    page = (output / "quality" / "index.html").read_text(encoding="utf-8")
    assert "Publication refused" in page
    return run, output


def _landing_findings(output: Path) -> list[dict[str, str]]:
    with (output / "quality" / "findings.csv").open(newline="", encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r["check_name"] == "landing"]


def test_an_extract_of_headers_only_is_refused(shared: Shared, tmp_path: Path) -> None:
    folder = _extract_copy(shared, tmp_path, "2026-06-30")
    for path in folder.glob("*.csv"):
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n")
    run, output = _refused(shared, tmp_path, folder, "--period-end", "2026-06-30")
    for name in ("persons", "periods_of_care", "legal_statuses", "placements"):
        assert (
            f"blocking check failed: mosaic/{name}:files_accepted 2026-06-30/{name}.csv: "
            "no data rows (header only)"
        ) in run.stderr
    codes = {f["rule_code"] for f in _landing_findings(output)}
    assert codes == {"landing.files_accepted"}


def test_an_older_extract_is_refused(shared: Shared, tmp_path: Path) -> None:
    folder = _extract_copy(shared, tmp_path, "31-12-2025")
    run, output = _refused(shared, tmp_path, folder)
    assert "mosaic/persons:extract_structure extract 31-12-2025 runs to 2025-12-31, older" in (
        run.stderr
    )
    assert "--allow-older" in run.stderr
    assert {f["rule_code"] for f in _landing_findings(output)} == {"landing.extract_structure"}
    # the raw tables still hold the last accepted extract: none of its checks (GX, DfE
    # rules) is reported as this run's
    with (output / "quality" / "findings.csv").open(newline="", encoding="utf-8") as handle:
        assert {f["check_name"] for f in csv.DictReader(handle)} == {"landing"}


def test_allow_older_lets_the_date_pass_but_a_truncated_file_is_still_refused(
    shared: Shared, tmp_path: Path
) -> None:
    folder = _extract_copy(shared, tmp_path, "31.12.2025")
    header, rows = _read(folder / "persons.csv")
    _write(folder / "persons.csv", header, rows[: len(rows) // 5])
    run, _ = _refused(shared, tmp_path, folder, "--allow-older")
    assert "older than the publication" not in run.stderr
    assert (
        f"31.12.2025/persons.csv has {len(rows) // 5} data rows, {len(rows)} in "
        f"{EXTRACT}/persons.csv last published: truncated?"
    ) in run.stderr


def test_a_persons_file_without_header_leaks_none_of_its_first_line(
    shared: Shared, tmp_path: Path
) -> None:
    folder = _extract_copy(shared, tmp_path, "2026-06-30")
    _, rows = _read(folder / "persons.csv")
    first = rows[1]
    _write(folder / "persons.csv", first, rows[2:])  # the header row is lost
    home = tmp_path / "dagster_home"
    home.mkdir(mode=0o700)
    run, output = _refused(shared, tmp_path, folder, env={"DAGSTER_HOME": str(home)})
    assert "2026-06-30/persons.csv: missing required column(s) PERSON_ID" in run.stderr
    values = [v for v in first if len(v) >= 4]  # the ID, date of birth, UPN
    assert len(values) >= 3
    assert not [v for v in values if v in run.stdout + run.stderr]
    scanned = [home, tmp_path / "work" / "logs", output / "quality"]
    leaks = {
        str(p): [v for v in values if v.encode() in p.read_bytes()]
        for root in scanned
        for p in root.rglob("*")
        if p.is_file() and not ALLOWED.search(p.name)
    }
    assert {k: v for k, v in leaks.items() if v} == {}
    assert any(p.suffix == ".db" for p in home.rglob("*"))  # the event log was scanned


def test_a_removed_required_column_is_refused_and_the_publication_kept(
    shared: Shared, tmp_path: Path
) -> None:
    """Issue 11: an export that lost a required column (LEGAL_STATUS, not the header row) is
    structural: refused, naming the file and column, the publication byte-identical
    (`_refused`)."""
    folder = _extract_copy(shared, tmp_path, "2026-06-30")
    header, rows = _read(folder / "legal_statuses.csv")
    gone = header.index("LEGAL_STATUS")
    _write(
        folder / "legal_statuses.csv",
        [c for i, c in enumerate(header) if i != gone],
        [[v for i, v in enumerate(row) if i != gone] for row in rows],
    )
    run, output = _refused(shared, tmp_path, folder)
    assert "2026-06-30/legal_statuses.csv: missing required column(s) LEGAL_STATUS" in run.stderr
    blocking = [f for f in _landing_findings(output) if f["blocking"] == "True"]
    assert blocking and {f["severity"] for f in blocking} == {"structural"}
    assert "record_error_impact" not in run.stderr  # stopped at landing, before any figure


def _workers_of(pid: int) -> list[int]:
    """The dbt worker processes whose parent is `pid` (`/proc`)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat_line = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat_line.rsplit(")", 1)[1].split()[1])
        if parent == pid and b"dagster_project.transform.dbt_worker" in command:
            found.append(int(entry.name))
    return found


# a model's line of the build: dbt's own ("3 of 268 START sql table model ...") or the
# compiled build's ("3 of 260 SUCCESS model ..."); not the seeds' lines, which dbt's worker
# also writes while it seeds ahead ("1 of 7 START seed file ...")
_BUILDING = re.compile(r"^\S+\s+\d+ of \d+ (START sql|SUCCESS model)", re.M)


def test_a_run_whose_dbt_worker_is_killed_mid_build_fails_and_keeps_the_publication(
    shared: Shared, tmp_path: Path
) -> None:
    """dbt builds in a worker process (transform/dbt_worker.py). Killed while it builds (the
    kernel's OOM killer, a person's kill -9), the run fails with exit 1 naming the worker,
    the last publication stays byte-identical, and no worker is left behind."""
    output, warehouse = _copy_state(shared, tmp_path)
    before = _snapshot(output)
    logs = warehouse.parent / "logs"
    known = set(logs.glob("cla-run-*.log"))
    run = _mosaic_run(shared.hostile, output, warehouse, env=shared.env())
    deadline = time.monotonic() + 600
    building = None
    while building is None:
        assert run.poll() is None, "the run ended before dbt built"
        assert time.monotonic() < deadline, "dbt never started building"
        for log in set(logs.glob("cla-run-*.log")) - known:
            # the build itself, not dbt's worker compiling and seeding it ahead while the
            # run lands ("Concurrency: " is in both)
            if _BUILDING.search(log.read_text(encoding="utf-8", errors="replace")):
                building = log
        time.sleep(0.05)
    workers = _workers_of(run.pid)
    assert len(workers) == 1
    os.kill(workers[0], signal.SIGKILL)
    done = _finish(run)
    assert done.returncode == 1, done.stdout + done.stderr[-3000:]
    assert "the previous publication is unchanged" in done.stderr
    assert "dbt worker exited" in building.read_text(encoding="utf-8")
    assert _snapshot(output) == before
    assert _workers_of(run.pid) == []
