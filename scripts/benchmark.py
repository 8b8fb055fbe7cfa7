"""Benchmark the nightly run: generate a synthetic LA, run the whole job, print the figures.

`python -m dagster_project.benchmark --children 2500` (or `make benchmark-pipeline`). Speed is
measured here, not asserted in tests: the figures, with the machine, go in
docs/benchmarks.md. Everything happens in a scratch folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import dagster as dg

from dagster_project.resources import PipelineResource
from dagster_project.runner import run_pipeline
from dagster_project.synthetic.dfe_release import write_synthetic_release
from dagster_project.synthetic.generator import generate


def step_seconds(instance: dg.DagsterInstance, run_id: str) -> dict[str, float]:
    """Wall seconds of each step of a run, from its start and end events."""
    started: dict[str, float] = {}
    took: dict[str, float] = {}
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type == dg.DagsterEventType.STEP_START:
            started[event.step_key] = record.timestamp
        elif event.event_type in (
            dg.DagsterEventType.STEP_SUCCESS,
            dg.DagsterEventType.STEP_FAILURE,
        ):
            took[event.step_key] = record.timestamp - started.get(event.step_key, record.timestamp)
    return took


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GB RAM, Python {platform.python_version()}"


def run(children: int, years: int, seed: int, source: str, keep: Path | None) -> int:
    base = Path(tempfile.mkdtemp(prefix="cla-benchmark-")) if keep is None else keep
    try:
        landing = base / "landing"
        started = time.perf_counter()
        report = generate(landing, children=children, years=years, seed=seed, source=source)
        generated = time.perf_counter() - started
        write_synthetic_release(landing / "dfe", la_code="310", seed=seed)
        pipeline = PipelineResource(
            la_code="310",
            source_system=source,
            mosaic_dir=str(landing / "mosaic") if source == "mosaic" else None,
            ssda903_dir=str(landing / "ssda903") if source == "ssda903" else None,
            dfe_dir=str(landing / "dfe"),
            publish_dir=str(base / "publish"),
        )
        instance = dg.DagsterInstance.ephemeral()
        started = time.perf_counter()
        # dbt's progress lines go to a log in the scratch folder: only the figures print
        with (base / "run.log").open("w") as log, contextlib.redirect_stdout(log):
            outcome = run_pipeline(pipeline, base / "warehouse" / "cla.duckdb", instance=instance)
        wall = time.perf_counter() - started
        steps = step_seconds(instance, outcome.run_id)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = (base / "warehouse" / "cla.duckdb").stat().st_size / 2**20
        print(f"machine: {machine()}")
        print(
            f"synthetic LA: {children:,} children, {years} years, source {source}, seed {seed}: "
            f"{report.episodes:,} episodes, generated in {generated:.1f} s"
        )
        print(f"run {'succeeded' if outcome.success else 'FAILED'} in {wall:.1f} s")
        for step, seconds in steps.items():
            print(f"  {step:<28} {seconds:8.1f} s")
        print(f"peak memory: this process {own:,.0f} MB; largest child {children_rss:,.0f} MB")
        print(f"warehouse: {size:,.0f} MB")
        if not outcome.success:
            print(outcome.summary(), file=sys.stderr)
        return 0 if outcome.success else 1
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dagster_project.benchmark")
    parser.add_argument("--children", type=int, default=2500)
    parser.add_argument("--years", type=int, default=16)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--source", choices=("mosaic", "ssda903"), default="mosaic")
    parser.add_argument("--keep", type=Path, help="keep the scratch folder here")
    args = parser.parse_args(argv)
    return run(args.children, args.years, args.seed, args.source, args.keep)


if __name__ == "__main__":
    sys.exit(main())
