"""`cla`: the pipeline for people and cron, without the Dagster UI (spec/outputs.md).

Exit status 0 only when every blocking check passed and the publication was written.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dagster_project.settings import SOURCES, config_path, settings

if TYPE_CHECKING:  # Dagster is imported only by the commands that run it
    from dagster_project.resources import PipelineResource


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _quiet() -> None:
    """Keep cron mail readable: Dagster's per-event logs go to the run log, not stderr."""
    os.environ.setdefault("DAGSTER_CLI_LOG_LEVEL", "WARNING")
    logging.getLogger("dagster").setLevel(logging.WARNING)


def _la_code_problem(la_code: str, given: str | None) -> str | None:
    """Why the reporting LA code cannot be used (None when it can), naming where it came from."""
    from dagster_project.reference.local_authorities import UnknownLocalAuthority, check_la_code

    if given:
        where = "--la"
    elif os.environ.get("CLA_LA"):
        where = "CLA_LA"
    else:
        where = f"local_authority.code in {config_path()}"
    try:
        check_la_code(la_code, where)
    except UnknownLocalAuthority as refusal:
        return str(refusal)
    return None


def cmd_run(args: argparse.Namespace) -> int:
    from dagster_project.resources import PipelineResource

    config = settings()
    la_code = args.la or config.la_code
    if problem := _la_code_problem(la_code, args.la):
        print(f"cla run: {problem}", file=sys.stderr)
        return 2
    inputs = {"mosaic": None, "ssda903": None}
    inputs[args.source] = str(Path(args.input).resolve())
    pipeline = PipelineResource(
        la_code=la_code,
        source_system=args.source,
        mosaic_dir=inputs["mosaic"],
        ssda903_dir=inputs["ssda903"],
        dfe_dir=str(Path(args.dfe).resolve()) if args.dfe else None,
        publish_dir=str(Path(args.output or config.publish_dir).resolve()),
        period_ends=list(args.period_end or []),
        suppression_threshold=config.suppression_threshold,
        column_map=config.column_map,
        statistical_neighbours=list(config.statistical_neighbours),
    )
    if not Path(args.input).is_dir():
        print(f"cla run: input folder not found: {args.input}", file=sys.stderr)
        return 2
    return _run(pipeline, Path(args.warehouse or config.warehouse_path).resolve(), args.verbose)


def _run(pipeline: PipelineResource, warehouse: Path, verbose: bool = False) -> int:
    """Run the job in process; print what happened; the exit status cron sees.

    dbt's own progress lines (hundreds a run) go to a log file beside the warehouse, so a
    person or a cron mail sees the outcome and where the details are; `--verbose` streams
    them instead.
    """
    from dagster_project.runner import run_pipeline

    _quiet()
    if verbose:
        outcome = run_pipeline(pipeline, warehouse)
        log_path = None
    else:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        log_path = warehouse.parent / "logs" / f"cla-run-{stamp}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
            outcome = run_pipeline(pipeline, warehouse)
    stream = sys.stdout if outcome.success else sys.stderr
    print(outcome.summary(), file=stream)
    if log_path is not None:
        print(f"  run log: {log_path}", file=stream)
    return 0 if outcome.success else 1


def cmd_demo(args: argparse.Namespace) -> int:
    from dagster_project.synthetic.demo import UnmarkedDataError, build_demo_landing

    config = settings()
    try:
        landing = build_demo_landing(config.landing_dir, seed=args.seed)
    except UnmarkedDataError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"synthetic local authority written to {landing}")
    from dagster_project.resources import PipelineResource

    # Land all three folders (so every raw table is filled) and derive the marts from the
    # Mosaic extract, as the nightly run does; the 903 files are there to compare with.
    pipeline = PipelineResource.from_settings(config, source_system="mosaic")
    return _run(pipeline, config.warehouse_path, args.verbose)


def cmd_fetch_dfe(args: argparse.Namespace) -> int:
    """Fetch the latest DfE release into the dfe landing folder (the Dagster fetch job)."""
    import dagster as dg

    from dagster_project.comparators.assets import run_fetch
    from dagster_project.resources import PipelineResource

    config = settings()
    pipeline = PipelineResource(
        la_code=config.la_code,
        source_system=config.source,
        dfe_dir=str(Path(args.dfe or config.dfe_dir).resolve()),
        publish_dir=str(config.publish_dir),
    )
    fetch_config: dict[str, object] = {"mode": args.mode}
    if args.cache:
        fetch_config["cache_dir"] = str(Path(args.cache).resolve())
    _quiet()
    result = run_fetch(pipeline, fetch_config)
    for event in result.get_asset_materialization_events():
        message = event.materialization.metadata.get("message")
        print(f"cla fetch-dfe: {message.value if message else 'done'}")
    failures = [
        event.step_failure_data.error.message.strip()
        for event in result.all_events
        if event.event_type == dg.DagsterEventType.STEP_FAILURE and event.step_failure_data.error
    ]
    for failure in failures:
        print(f"cla fetch-dfe: {failure}", file=sys.stderr)
    return 0 if result.success else 1


def cmd_generate(args: argparse.Namespace) -> int:
    from dagster_project.synthetic.cli import run_generate

    return run_generate(args)


def cmd_export_903(args: argparse.Namespace) -> int:
    from dagster_project.transform.export_903 import ExportError, export_903

    warehouse = Path(args.warehouse or settings().warehouse_path).resolve()
    try:
        result = export_903(warehouse, args.year, Path(args.out).resolve())
    except ExportError as exc:
        print(f"cla export-903: {exc}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{name} {n}" for name, n in result.rows.items())
    print(f"collection year {result.year} written to {result.folder}: {counts}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """One 903 return against DfE's rules of its year: no dbt, no Dagster, no warehouse."""
    from dagster_project.quality.validate_return import ValidateError, describe, validate_return

    try:
        result = validate_return(
            Path(args.input), args.year, Path(args.output) if args.output else None
        )
    except ValidateError as exc:
        print(f"cla validate: {exc}", file=sys.stderr)
        return 2
    print(describe(result), file=sys.stderr if result.errors or result.rejected else sys.stdout)
    return 1 if result.errors or result.rejected else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cla",
        description="Children looked after pipeline: land, derive, check, publish.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the whole pipeline on a folder of inputs")
    run.add_argument("--input", required=True, help="Mosaic extract(s) or SSDA903 year folders")
    run.add_argument("--source", required=True, choices=SOURCES)
    run.add_argument("--dfe", help="folder of DfE release files (comparators)")
    run.add_argument("--la", help="reporting LA, old or new code (default: config)")
    run.add_argument(
        "--period-end",
        action="append",
        type=_date,
        help="reporting date YYYY-MM-DD (repeatable; default: outputs.md's set)",
    )
    run.add_argument("--output", help="publication folder (default: data/publish)")
    run.add_argument("--warehouse", help="working DuckDB file (default: data/warehouse)")
    run.add_argument("--verbose", action="store_true", help="stream dbt's progress lines")
    run.set_defaults(func=cmd_run)

    demo = sub.add_parser(
        "demo", help="generate the synthetic local authority and run the whole pipeline on it"
    )
    demo.add_argument("--seed", type=int, default=2025)
    demo.add_argument("--verbose", action="store_true", help="stream dbt's progress lines")
    demo.set_defaults(func=cmd_demo)

    fetch = sub.add_parser(
        "fetch-dfe",
        help="download the latest DfE CLA release into the dfe landing folder (network)",
    )
    fetch.add_argument("--dfe", help="dfe landing folder (default: data/landing/dfe)")
    fetch.add_argument(
        "--mode",
        choices=["auto", "online", "offline"],
        default="auto",
        help="auto: fetch when the service is reachable, else keep what is there (default)",
    )
    fetch.add_argument("--cache", help="release zip cache (default: data/cache/dfe)")
    fetch.set_defaults(func=cmd_fetch_dfe)

    generate = sub.add_parser("generate", help="write a synthetic local authority's inputs")
    generate.add_argument("--children", type=int, default=2500)
    generate.add_argument("--years", type=int, default=10)
    generate.add_argument("--seed", type=int, default=2025)
    generate.add_argument("--out", required=True)
    generate.add_argument(
        "--source",
        choices=[*SOURCES, "both"],
        default="both",
        help="which form to write (default: both, from the same histories)",
    )
    generate.set_defaults(func=cmd_generate)

    export = sub.add_parser(
        "export-903", help="write one collection year's SSDA903 return files from the marts"
    )
    export.add_argument(
        "--year", required=True, type=int, help="collection year: the year of its 31 March"
    )
    export.add_argument("--out", required=True, help="folder; the files go to OUT/<year>/")
    export.add_argument("--warehouse", help="working DuckDB file (default: data/warehouse)")
    export.set_defaults(func=cmd_export_903)

    validate = sub.add_parser(
        "validate",
        help="check one SSDA903 return (a folder of one year's files) against DfE's rules",
    )
    validate.add_argument("--input", required=True, help="folder of one year's 903 CSV files")
    validate.add_argument(
        "--year",
        type=int,
        help="collection year, the year of its 31 March (default: the year the dates show)",
    )
    validate.add_argument(
        "--output", help="folder for findings.csv and rule_summary.csv (default: INPUT-validation)"
    )
    validate.set_defaults(func=cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
