"""Benchmarks that print figures (`make benchmark`); speed is never asserted in tests.

    python -m scripts.benchmark run --children 2500 --years 16   # one `cla run`, whole process
    python -m scripts.benchmark scale --children 2500,25000,100000  # several sizes
    python -m scripts.benchmark validate --children 2500,30000  # vs DfE's public validator

Each size is generated into a scratch folder (removed afterwards); every measured command
runs as its own process exactly as a person or cron runs it (`cla run` on a fresh
warehouse, `cla validate` on one year's return, the public validator in its own venv), and
its wall time, CPU time (user + system, the process and its children) and peak memory are
read from the operating system (`wait4`; memory also summed over the process tree). The
load average is printed before and after: the machine may be shared, and CPU time is the
figure that does not depend on the neighbours.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
VALIDATOR_PYTHON = REPO / ".venv" / "validator" / "bin" / "python"


@dataclass
class Measured:
    wall: float
    cpu: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and every process below it now (`/proc`): a run's dbt
    worker is a second process whose memory adds to the run's."""
    below: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            below.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        todo += below.get(pid, [])
    return total * os.sysconf("SC_PAGE_SIZE")


def measure(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run `command` to its end; wall and CPU from wait4 (its children's CPU included);
    peak memory: the larger of wait4's (the largest single process) and the sum over the
    process tree, sampled every 0.2 s."""
    started = time.perf_counter()
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
    ):
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=REPO)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_mb=max(usage.ru_maxrss / 1024, peak[0] / 2**20),
            returncode=process.returncode,
            stdout=out.read(),
            stderr=err.read(),
        )


def machine() -> str:
    cpu = platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}; nproc {os.cpu_count()}; {memory:.0f} GB RAM; Python {platform.python_version()}"


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


# A server's Dagster instance, kept between benchmark runs as between nights (`run` without
# --cold): each run still has a fresh warehouse and publication of its own
INSTALLED_HOME = REPO / ".benchmarks" / "home"


def scratch_env(base: Path, home: Path | None = None) -> dict[str, str]:
    """Everything a run writes goes under `base` (its Dagster instance under `home` when
    given); the dbt manifest is the project's own."""
    env = dict(os.environ)
    env["CLA_HOME"] = str(home or base / "home")
    env.pop("DAGSTER_HOME", None)
    env["TQDM_DISABLE"] = "1"
    # no telemetry switch here: the run as cron runs it (its tools' telemetry is off in their
    # own configuration, docs/security.md)
    return env


def generate(
    out: Path, children: int, years: int, source: str, seed: int, cin_ratio: int | None = None
) -> float:
    ratio = [] if cin_ratio is None else ["--cin-ratio", str(cin_ratio)]
    done = measure(
        [str(BIN / "cla"), "generate", "--children", str(children), "--years", str(years),
         "--seed", str(seed), "--source", source, "--out", str(out), *ratio],
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"cla generate failed: {done.stderr[-2000:]}")
    return done.wall


def rows_in(folder: Path, name: str) -> int:
    total = 0
    for path in folder.rglob(name):
        with path.open(newline="", encoding="utf-8") as handle:
            total += max(sum(1 for _ in csv.reader(handle)) - 1, 0)
    return total


@dataclass
class RunPoint:
    children: int
    years: int
    episodes: int
    rows: int
    generated: float
    run: Measured
    stages: dict[str, float]
    warehouse_mb: float
    # the run read its dbt compile from an earlier run's (`transform/compiled_cache.py`)
    compile_kept: bool = False
    command: str = "cla run"


# the run log's line when a build read a kept compile (`compiled_build._events`)
KEPT_COMPILE = "compiled by an earlier run (kept)"
STAGE = re.compile(r"^\d\d:\d\d:\d\d (\w+)\s+\.\.\. (?:done|failed) in (?:(\d+)m)?([\d.]+)s")


def stages_of(text: str) -> dict[str, float]:
    """`cla run`'s own stage lines: seconds per stage (landing, dbt, quality, publication)."""
    found = {}
    for line in text.splitlines():
        if m := STAGE.match(line):
            found[m.group(1)] = int(m.group(2) or 0) * 60 + float(m.group(3))
    return found


STEP_DONE = re.compile(r'Finished execution of step "(\w+)" in ([\d.]+)(ms|s)\.')


def stages_of_steps(text: str) -> dict[str, float]:
    """Seconds per stage of a run Dagster's own CLI executed, from its step lines, each step
    in the stage `cla run`'s lines give it (`operations.console.step_stages`)."""
    from dagster_project.definitions import PIPELINE_JOB, defs
    from dagster_project.operations.console import step_stages

    stage_of = step_stages(defs, defs.resolve_job_def(PIPELINE_JOB))
    found: dict[str, float] = {}
    for step, amount, unit in STEP_DONE.findall(text):
        stage = stage_of.get(step, "other")
        found[stage] = found.get(stage, 0.0) + float(amount) / (1000 if unit == "ms" else 1)
    return found


def scheduled_command(
    base: Path, source: str, home: Path | None
) -> tuple[list[str], dict[str, str]]:
    """The nightly job as the daemon's run worker executes it (the job of the definitions,
    in process; its inputs from the configuration, here a data folder `base` with
    landing/<source> and landing/dfe), on an instance that exists already, as a server's
    does (made here, outside the timing)."""
    env = scratch_env(base, home)
    env.update(CLA_HOME=str(base), CLA_LA="310", CLA_SOURCE=source)
    env["DAGSTER_HOME"] = str((home or base / "home") / "dagster_home")
    subprocess.run(
        [str(BIN / "python"), "-m", "dagster_project.operations.instance"],
        check=True, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    from dagster_project.run_processes import PIPELINE_JOB

    command = [str(BIN / "dagster"), "job", "execute", "-m", "dagster_project.definitions",
               "-j", PIPELINE_JOB]  # fmt: skip
    return command, env


def prepare_manifest() -> None:
    """The dbt manifest, as `make setup` leaves it: made once, never inside the timing."""
    subprocess.run(
        [str(BIN / "python"), "-c",
         "from dagster_project.transform.project import ensure_manifest; ensure_manifest()"],
        check=True, cwd=REPO,
    )  # fmt: skip


def run_point(
    children: int,
    years: int,
    seed: int,
    source: str,
    keep: Path | None,
    cin_ratio: int | None = None,
    home: Path | None = None,
    scheduled: bool = False,
) -> RunPoint:
    """One `cla run` on a fresh warehouse; `home`: the Dagster instance's CLA_HOME (else
    one made for this run). `scheduled`: the nightly job as the daemon runs it instead
    (`scheduled_command`)."""
    base = Path(tempfile.mkdtemp(prefix="cla-benchmark-")) if keep is None else keep
    try:
        landing = base / "landing"
        generated = generate(landing, children, years, source, seed, cin_ratio)
        done = measure(
            [str(BIN / "python"), "-c",
             "from pathlib import Path; from dagster_project.synthetic.dfe_release import "
             f"write_synthetic_release as w; w(Path({str(landing / 'dfe')!r}), la_code='310', "
             f"seed={seed})"],
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-2000:])
        source_dir = landing / source
        warehouse = base / "warehouse" / "cla.duckdb"
        if scheduled:
            command, env = scheduled_command(base, source, home)
        else:
            command = [
                str(BIN / "cla"), "run", "--input", str(source_dir), "--source", source,
                "--dfe", str(landing / "dfe"), "--la", "310", "--output",
                str(base / "publish"), "--warehouse", str(warehouse),
            ]  # fmt: skip
            env = scratch_env(base, home)
        run = measure(command, env=env)
        if run.returncode != 0:
            print(run.stdout, run.stderr, file=sys.stderr)
        episodes = (
            rows_in(source_dir, "episodes.csv")
            if source == "ssda903"
            else rows_in(source_dir, "placements.csv")
        )
        rows = rows_in(source_dir, "*.csv")
        size = warehouse.stat().st_size / 2**20 if warehouse.exists() else 0.0
        if scheduled:  # Dagster's CLI logs every event to stderr
            stages = stages_of_steps(run.stderr)
            kept = KEPT_COMPILE in run.stdout + run.stderr
        else:
            stages = stages_of(run.stdout)
            logs = (base / "warehouse" / "logs").glob("*.log")
            kept = any(KEPT_COMPILE in log.read_text(encoding="utf-8") for log in logs)
        point = RunPoint(children, years, episodes, rows, generated, run, stages, size, kept)
        if scheduled:
            point.command = "the nightly job as the daemon runs it"
        return point
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def print_run(point: RunPoint) -> None:
    r = point.run
    status = "succeeded" if r.returncode == 0 else f"FAILED (exit {r.returncode})"
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in point.stages.items())
    print(
        f"{point.command}, {point.children:,} children, {point.years} years "
        f"({point.rows:,} input rows): {status}: wall {r.wall:.1f} s, CPU {r.cpu:.1f} s, "
        f"peak {r.peak_mb:,.0f} MB, warehouse {point.warehouse_mb:,.0f} MB; {stages} "
        f"(generated in {point.generated:.1f} s; dbt compile "
        f"{'kept from an earlier run' if point.compile_kept else 'made by this run'})"
    )


def cmd_run(args: argparse.Namespace) -> int:
    print(machine())
    print(f"before: {load()}")
    prepare_manifest()
    if args.cold:  # the first run after a change to the dbt project or the run's variables
        from dagster_project.transform import compiled_cache
        from dagster_project.transform.project import target_path

        shutil.rmtree(target_path() / compiled_cache.FOLDER, ignore_errors=True)
    home = None if args.cold else INSTALLED_HOME
    print(
        "fresh warehouse; "
        + (
            "fresh Dagster instance, no dbt compile kept (the first run of an installation)"
            if args.cold
            else f"Dagster instance kept between runs in {home} (a server's), dbt compile "
            "kept if an earlier run made it (a night's run)"
        )
        + (
            "; the job executed as the daemon's run worker executes it (`dagster job "
            "execute`), not by `cla run`"
            if args.scheduled
            else ""
        )
    )
    point = run_point(
        args.children, args.years, args.seed, args.source, args.keep, args.cin_ratio, home,
        args.scheduled,
    )  # fmt: skip
    print_run(point)
    print(f"after: {load()}")
    return 0 if point.run.returncode == 0 else 1


def cmd_scale(args: argparse.Namespace) -> int:
    print(machine())
    prepare_manifest()
    points = []
    for children in args.children:
        print(f"before {children:,}: {load()}", flush=True)
        point = run_point(children, args.years, args.seed, args.source, None, args.cin_ratio)
        print_run(point)
        points.append(point)
    print(f"after: {load()}")
    print()
    print("| children | input rows | wall | CPU | CPU per 1,000 children | peak memory |")
    print("|---:|---:|---:|---:|---:|---:|")
    for p in points:
        print(
            f"| {p.children:,} | {p.rows:,} | {p.run.wall:.1f} s | {p.run.cpu:.1f} s | "
            f"{1000 * p.run.cpu / p.children:.2f} s | {p.run.peak_mb:,.0f} MB |"
        )
    if len(points) > 1:
        a, b = points[-2], points[-1]
        print(
            f"\nfrom {a.children:,} to {b.children:,} children ({b.children / a.children:.1f}x): "
            f"CPU {b.run.cpu / a.run.cpu:.2f}x, wall {b.run.wall / a.run.wall:.2f}x"
        )
    return 0 if all(p.run.returncode == 0 for p in points) else 1


# The public validator, driven through its own API in its own venv, every rule of the
# year's ruleset (scripts/validator_agreement.py does the same for agreement, rule by rule).
# The reporting LA both sides are told (Harrow): the validator in its metadata, ours by `--la`,
# so neither reads a configuration to find it.
BENCHMARK_LA = "E09000015"
VALIDATOR_DRIVER = """
import logging, sys, glob
logging.disable(logging.CRITICAL)
import importlib
from lac_validator import lac_validator
from lac_validator.utils import process_uploaded_files
folder, ruleset, year, la = sys.argv[1:5]
rules = importlib.import_module(f"lac_validator.rules.{ruleset}")
files = process_uploaded_files({"This year": sorted(glob.glob(folder + "/*.csv"))})
v = lac_validator.LacValidator(
    metadata={"collectionYear": year, "localAuthority": la},
    files=files, registry=rules.registry,
    selected_rules=list(rules.registry),
)
n = sum(int(f[[c for c in f.columns if str(c).startswith("ERR_")]].any(axis=1).sum())
        for t, f in v.ds_results.items() if t != "metadata")
print(f"{len(list(rules.registry))} rules, {n} rows flagged")
"""


def validator_input(year_dir: Path, target: Path) -> Path:
    """The return's files as the validator recognises them (its exact column sets)."""
    from scripts.validator_agreement import return_files

    return_files(year_dir, target)
    return target


def cmd_validate(args: argparse.Namespace) -> int:
    from scripts.validator_env import year_ruleset

    print(machine())
    if not VALIDATOR_PYTHON.exists():
        print("the public validator is not installed: run `make setup`", file=sys.stderr)
        return 2
    code = 0
    for children in args.children:
        base = Path(tempfile.mkdtemp(prefix="cla-benchmark-validate-"))
        try:
            generate(base / "landing", children, args.years, "ssda903", args.seed)
            years = sorted(p for p in (base / "landing" / "ssda903").iterdir() if p.is_dir())
            year_dir = years[-1]
            year = int(re.sub(r"\D", "", year_dir.name)[:4])
            episodes = rows_in(year_dir, "episodes.csv")
            theirs_in = validator_input(year_dir, base / "validator_input")
            driver = base / "driver.py"
            driver.write_text(VALIDATOR_DRIVER)
            print(f"before: {load()}", flush=True)
            ours_cmd = [
                str(BIN / "cla"), "validate", "--input", str(year_dir), "--year", str(year),
                "--output", str(base / "ours"), "--la", BENCHMARK_LA,
            ]  # fmt: skip
            theirs_cmd = [
                str(VALIDATOR_PYTHON), str(driver), str(theirs_in), year_ruleset(year), str(year),
                BENCHMARK_LA,
            ]  # fmt: skip
            # alternately, so both meet the same moments of the machine
            ours: list[Measured] = []
            theirs: list[Measured] = []
            for _ in range(args.repeat):
                ours.append(measure(ours_cmd, env=scratch_env(base)))
                theirs.append(measure(theirs_cmd))
            print(f"after: {load()}")
            last = theirs[-1]
            rules_line = last.stdout.strip().splitlines()[-1] if last.stdout.strip() else ""
            if any(t.returncode != 0 for t in theirs):
                print(f"validator failed: {last.stderr[-1500:]}", file=sys.stderr)
                code = 1
            a, b = median_of(ours), median_of(theirs)
            print(
                f"return {year} of a synthetic LA ({children:,} children): {episodes:,} episodes, "
                f"median of {args.repeat} runs each\n"
                f"  cla validate:         wall {a.wall:6.2f} s, CPU {a.cpu:6.2f} s, "
                f"peak {a.peak_mb:,.0f} MB (exit {ours[-1].returncode}; "
                f"walls {spread(ours)})\n"
                f"  public validator:     wall {b.wall:6.2f} s, CPU {b.cpu:6.2f} s, "
                f"peak {b.peak_mb:,.0f} MB ({rules_line}; walls {spread(theirs)})\n"
                f"  ratio (validator / ours): wall {b.wall / a.wall:.1f}x, "
                f"CPU {b.cpu / a.cpu:.1f}x"
            )
        finally:
            shutil.rmtree(base, ignore_errors=True)
    return code


def median_of(runs: list[Measured]) -> Measured:
    """The run of median wall time (the middle one of an odd number)."""
    return sorted(runs, key=lambda m: m.wall)[len(runs) // 2]


def spread(runs: list[Measured]) -> str:
    return ", ".join(f"{m.wall:.2f}" for m in runs)


def sizes(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.benchmark")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="one `cla run`, whole process, fresh warehouse")
    run.add_argument("--children", type=int, default=2500)
    run.add_argument("--years", type=int, default=16)
    run.add_argument("--source", choices=("mosaic", "ssda903"), default="mosaic")
    run.add_argument("--keep", type=Path, help="keep the scratch folder here")
    run.add_argument(
        "--cold",
        action="store_true",
        help="a fresh Dagster instance and no dbt compile kept from an earlier run",
    )
    run.add_argument(
        "--scheduled",
        action="store_true",
        help="the nightly job as the daemon runs it (the schedule's path), not `cla run`",
    )
    scale = sub.add_parser("scale", help="`cla run` at several sizes: the cost per child")
    scale.add_argument("--children", type=sizes, default=sizes("2500,25000,100000"))
    scale.add_argument("--years", type=int, default=20)
    scale.add_argument("--source", choices=("mosaic", "ssda903"), default="mosaic")
    validate = sub.add_parser("validate", help="`cla validate` against the public validator")
    validate.add_argument("--children", type=sizes, default=sizes("2500,30000"))
    validate.add_argument("--years", type=int, default=16)
    validate.add_argument(
        "--repeat", type=int, default=3, help="runs of each, alternately (the median is shown)"
    )
    for p in (run, scale, validate):
        p.add_argument("--seed", type=int, default=2025)
    for p in (run, scale):
        p.add_argument(
            "--cin-ratio",
            type=int,
            default=None,
            help="children in need never in care per child in care (default: the generator's)",
        )
    args = parser.parse_args(argv)
    return {"run": cmd_run, "scale": cmd_scale, "validate": cmd_validate}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
