"""`cla`: the pipeline for people and cron, without the Dagster UI (spec/outputs.md).

Exit status 0 only when every blocking check passed and the publication was written; 2 when
the configuration (config/pipeline.yaml, environment, options) is invalid, before anything
runs.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dagster_project.settings import SOURCES, SettingsError, config_path, settings

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
    import pydantic

    from dagster_project.resources import PipelineResource

    config = settings()
    la_code = args.la or config.la_code
    if problem := _la_code_problem(la_code, args.la):
        print(f"cla run: {problem}", file=sys.stderr)
        return 2
    inputs = {"mosaic": None, "ssda903": None}
    inputs[args.source] = str(Path(args.input).resolve())
    if not Path(args.input).is_dir():
        print(f"cla run: input folder not found: {args.input}", file=sys.stderr)
        return 2
    if args.dfe and not Path(args.dfe).is_dir():
        print(f"cla run: DfE folder not found: {args.dfe}", file=sys.stderr)
        return 2
    if args.cin and not Path(args.cin).is_dir():
        print(f"cla run: CIN census folder not found: {args.cin}", file=sys.stderr)
        return 2
    try:
        pipeline = PipelineResource(
            la_code=la_code,
            source_system=args.source,
            mosaic_dir=inputs["mosaic"],
            ssda903_dir=inputs["ssda903"],
            dfe_dir=str(Path(args.dfe).resolve()) if args.dfe else None,
            cin_dir=str(Path(args.cin).resolve()) if args.cin else None,
            publish_dir=str(Path(args.output or config.publish_dir).resolve()),
            period_ends=list(args.period_end or []),
            suppression_threshold=config.suppression_threshold,
            column_map=config.column_map,
            statistical_neighbours=list(config.statistical_neighbours),
            allow_older=args.allow_older,
            allow_fewer_rows=args.allow_fewer_rows,
            publish_group=config.publish_group,
            max_affected_share=config.max_affected_share,
            min_denominator=config.min_denominator,
        )
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            print(f"cla run: configuration {where}: {error['msg']}", file=sys.stderr)
        return 2
    warehouse = Path(args.warehouse or config.warehouse_path).resolve()
    return _run(
        pipeline, warehouse, args.verbose, trigger="cla run", alert=args.alert, wait=args.wait
    )


class _Tee(io.TextIOBase):
    """`--verbose`: the run log, and the same text on the screen."""

    def __init__(self, *streams: TextIO) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()

    def writable(self) -> bool:
        return True


@contextlib.contextmanager
def _dbt_kept_warm(pipeline: PipelineResource, warehouse: Path) -> Iterator[None]:
    """dbt's worker process starts now, reading dbt and the manifest and compiling the
    run's two builds while this process loads Dagster and lands the files; the DfE rules
    and the gate's modules are loaded while dbt builds (transform/dbt_worker.py,
    compiled_build.py, run_processes.load_while_dbt_builds).
    Ended with the run, whatever happens. (Great Expectations has its own process, started
    by `main`.)"""

    from dagster_project import run_processes, warmup
    from dagster_project.transform import dbt_worker, steps

    dbt_worker.keep_warm()
    dbt_worker.prepare(steps.whole_run(), warehouse, pipeline.dbt_vars())
    run_processes.load_while_dbt_builds()
    try:
        yield
    finally:
        warmup.forget()
        dbt_worker.stop_warm()


def _run(
    pipeline: PipelineResource,
    warehouse: Path,
    verbose: bool = False,
    *,
    trigger: str = "cla run",
    alert: bool = False,
    wait: float = 0.0,
) -> int:
    """Run the job in process; print what happened; the exit status cron sees.

    The screen gets one line per stage and the outcome (about ten lines); the run log
    beside the warehouse gets everything else: every Dagster event with its traceback,
    dbt's progress lines, warnings. `--verbose` shows the run log's lines as well.
    """
    from dagster_project.operations.console import RunLog

    _quiet()
    screen, errors = sys.stdout, sys.stderr
    # microseconds and pid: a second run started in the same second (and refused by the
    # run lock) never truncates the first run's log
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    log_path = warehouse.parent / "logs" / f"cla-run-{stamp}-{os.getpid()}.log"
    source_dir = pipeline.input_dir(pipeline.source_system)
    print(
        f"{trigger}: LA {pipeline.la_code}, {pipeline.source_system} from {source_dir}; "
        f"publication to {pipeline.publish_dir}",
        file=screen,
    )
    tags = {"cla/trigger": trigger}
    if trigger == "cla demo":
        tags["cla/alerts"] = "off"
    with RunLog(log_path) as log:
        sink: TextIO = _Tee(log, errors) if verbose else log
        try:
            with (
                contextlib.redirect_stdout(sink),
                contextlib.redirect_stderr(sink),
                _dbt_kept_warm(pipeline, warehouse),
            ):
                from dagster_project.runner import run_pipeline

                outcome = run_pipeline(
                    pipeline,
                    warehouse,
                    console=screen,
                    run_log=sink,
                    tags=tags,
                    alert=alert,
                    wait_seconds=wait,
                )
        except KeyboardInterrupt:
            print(f"{trigger}: interrupted; the previous publication is unchanged.", file=errors)
            print(f"  run log: {log_path}", file=errors)
            return 130
        except Exception as exc:  # a fault of the pipeline itself, not of the data
            log.write("".join(traceback.format_exception(exc)))
            from dagster_project.runner import without_values

            first = without_values((str(exc).strip().splitlines() or [""])[0])
            print(f"{trigger}: the pipeline stopped: {type(exc).__name__}: {first}", file=errors)
            print(f"  run log: {log_path}", file=errors)
            return 1
    stream = screen if outcome.success else errors
    print(outcome.summary(), file=stream)
    print(f"  run log: {log_path}", file=stream)
    if outcome.refused:
        return 3  # another run holds a lock: nothing was done
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
    return _run(pipeline, config.warehouse_path, args.verbose, trigger="cla demo")


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

    la_code = args.la or settings().la_code
    if problem := _la_code_problem(la_code, args.la):
        print(f"cla validate: {problem}", file=sys.stderr)
        return 2
    try:
        result = validate_return(
            Path(args.input), args.year, Path(args.output) if args.output else None, la_code
        )
    except ValidateError as exc:
        print(f"cla validate: {exc}", file=sys.stderr)
        return 2
    print(describe(result), file=sys.stderr if result.errors or result.rejected else sys.stdout)
    return 1 if result.errors or result.rejected else 0


def cmd_config_check(args: argparse.Namespace) -> int:
    """Print the effective settings and where each came from; non-zero when invalid."""
    from dagster_project.operations.instance import instance_file_state
    from dagster_project.settings import describe_settings, load_settings

    config = load_settings()  # raises SettingsError: main() prints it, exit 2
    print(f"config file: {config.config_file}")
    rows = describe_settings(config)
    width = max(len(key) for key, _, _ in rows)
    value_width = min(60, max(len(value) for _, value, _ in rows))
    for key, value, origin in rows:
        print(f"  {key:<{width}}  {value:<{value_width}}  {origin}")
    print(f"dagster instance: {config.dagster_home} ({instance_file_state(config)})")
    print("configuration valid")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cla",
        description="Children looked after pipeline: land, derive, check, publish.",
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the whole pipeline on a folder of inputs")
    run.add_argument("--input", required=True, help="Mosaic extract(s) or SSDA903 year folders")
    run.add_argument("--source", required=True, choices=SOURCES)
    run.add_argument("--dfe", help="folder of DfE release files (comparators)")
    run.add_argument(
        "--cin",
        help="folder of DfE CIN census XML returns, one folder per year (with --source ssda903; "
        "a Mosaic extract carries its own CIN files)",
    )
    # checked against the LA reference seed before anything runs (_la_code_problem), so a
    # value that is not a known code never reaches SQL (dbt vars) or a path
    run.add_argument("--la", help="reporting LA, old or new code (default: config)")
    run.add_argument(
        "--period-end",
        action="append",
        type=_date,
        help="reporting date YYYY-MM-DD (repeatable; default: every quarter end of the last "
        "five years)",
    )
    run.add_argument("--output", help="publication folder (default: data/publish)")
    run.add_argument("--warehouse", help="working DuckDB file (default: data/warehouse)")
    run.add_argument("--verbose", action="store_true", help="stream dbt's progress lines")
    run.add_argument(
        "--allow-older",
        action="store_true",
        help="publish data older than the current publication (refused otherwise)",
    )
    run.add_argument(
        "--allow-fewer-rows",
        action="store_true",
        help="publish required files with under half the rows last published (refused "
        "otherwise, as truncated)",
    )
    run.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait up to SECONDS for another run on the same warehouse or output to finish "
        "(default: refuse at once, exit 3)",
    )
    run.add_argument(
        "--alert",
        action="store_true",
        help="send the configured alert (alerts: in config/pipeline.yaml) when the run fails "
        "or used a stale extract: for cron without the Dagster daemon",
    )
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
    generate.add_argument(
        "--cin-ratio",
        type=float,
        default=None,
        help="children in need who never come into care, per child who does "
        "(default 18, an LA like Harrow; 0: only the CIN records of children in care)",
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
    validate.add_argument(
        "--la",
        help="the reporting LA, old or new code (default: local_authority.code in the "
        "configuration); where a child is placed, in or out of the LA, is checked against it",
    )
    validate.set_defaults(func=cmd_validate)

    config_cmd = sub.add_parser("config", help="the pipeline's configuration")
    config_sub = config_cmd.add_subparsers(dest="config_command", required=True)
    check = config_sub.add_parser(
        "check",
        help="validate config/pipeline.yaml (and the environment) and print the effective "
        "settings with where each value came from",
    )
    check.set_defaults(func=cmd_config_check)
    return parser


class _VersionAction(argparse.Action):
    """`--version`, worked out only when asked: the package metadata and two `git` calls
    would otherwise cost every command about 30 ms."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from dagster_project.version import version_text

        print(version_text())
        parser.exit()


# commands that load the Dagster definitions, which read the parsed dbt project
NEEDS_MANIFEST = frozenset({"run", "demo"})


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from dagster_project.permissions import umask_private

    stack = contextlib.ExitStack()
    try:
        with umask_private():  # everything a command writes is private (docs/security.md)
            if args.command in NEEDS_MANIFEST:
                from dagster_project.quality import gx_process

                # Great Expectations loads in a process of its own while this one loads
                # Dagster (quality/gx_process.py); ended with the command, whatever happens
                gx_process.keep_warm()
                stack.callback(gx_process.stop_warm)
                from dagster_project.transform.project import ensure_manifest

                ensure_manifest()  # parsed once; the definitions only read it
            return int(args.func(args))
    except SettingsError as error:
        print(f"cla {args.command}: {error}", file=sys.stderr)
        return 2
    finally:
        stack.close()


def entry() -> None:
    """The `cla` command: `main` with the collector set for a whole process, then the
    process ends without the interpreter's teardown (`process`)."""
    from dagster_project import process

    process.start()
    process.end(main())


if __name__ == "__main__":
    entry()
