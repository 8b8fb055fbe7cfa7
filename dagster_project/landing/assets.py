"""Dagster landing assets: one multi-asset per source, one asset per raw table.

Asset keys equal the dbt source names (`["mosaic", "persons"]` is dbt's
`source('mosaic', 'persons')`), so the UI draws one lineage graph from file to mart.
Each table carries a blocking check, `files_accepted`: a rejected file, a required file
that is absent or holds no data rows, stops the run before anything is derived from
incomplete data. One more blocking check per source, `extract_structure`, covers what no
single table shows (spec/outputs.md v2 "structural"): an extract folder without a date, an
extract older than the publication, a required file far shorter than last published, a
link out of the input folder, a corrupt zip (`landing/extent.py`).

Every source lands on every run, with or without a folder: a source this run was given no
folder for has its earlier files removed, so nothing of another run's inputs feeds it
(spec/outputs.md: a run uses exactly the inputs it is given).

Metadata holds file names and counts only, never a value from a row.
"""

import datetime as dt
from collections.abc import Iterator

import dagster as dg

from dagster_project.landing.contracts import source_contract
from dagster_project.landing.extent import landed_extent, parse_extract_date, problems
from dagster_project.landing.loader import (
    FileOutcome,
    LandingReport,
    land_source,
    record_problems,
)
from dagster_project.publication.releases import current_manifest
from dagster_project.resources import PipelineResource
from dagster_project.warehouse import WarehouseResource

DESCRIPTIONS = {
    "mosaic": "Mosaic case-management extract",
    "ssda903": "SSDA903 return files (one folder per collection year)",
    "dfe": "DfE 'Children looked after in England' release files and reference data",
    "cin": "DfE children in need census returns (XML, one folder per census year)",
}
STRUCTURE_CHECK = "extract_structure"
# a source's tables land on two connections of the warehouse at once (a table's files on
# one, in order): DuckDB reads one file while Python sniffs the next (docs/benchmarks.md,
# fifteenth session; tests/landing/test_parallel_landing.py)
LANDING_WORKERS = 2
LATEST_EXTRACT = dg.AssetKey(["mosaic", "latest_extract"])


def _current(report: LandingReport, source: str) -> list[FileOutcome]:
    """Outcomes that feed the marts: Mosaic uses only its latest extract, by the date in
    its folder's name (files rejected or not, so a rejected persons.csv is seen)."""
    live = [o for o in report.outcomes if o.status != "removed"]
    if source != "mosaic" or not live:
        return live
    latest = max(
        {_batch_of(o) for o in live},
        key=lambda b: (parse_extract_date(b) or dt.date.min, b),
    )
    return [o for o in live if _batch_of(o) == latest]


def _batch_of(outcome: FileOutcome) -> str:
    return outcome.source_file.split("/", 1)[0]


def landing_multi_asset(source: str) -> dg.AssetsDefinition:
    """The landing asset of one source, with a check per raw table."""
    contract = source_contract(source)
    specs = [
        dg.AssetSpec(
            key=[source, f.kind],
            group_name="landing",
            kinds={"duckdb", "xml" if source == "cin" else "csv"},
            description=(
                f"{DESCRIPTIONS[source]}: `{f.pattern}` files landed as text in "
                f"`raw.{f.table}`, with `_source_file`, `_row_number`, `_file_sha256`, "
                "`_loaded_at`."
            ),
            metadata={"table": f"raw.{f.table}", "required_file": f.required_file},
        )
        for f in contract.files
    ]
    if source == "mosaic":
        specs.append(
            dg.AssetSpec(
                key=LATEST_EXTRACT,
                group_name="landing",
                kinds={"duckdb"},
                description="The latest landed extract folder, by the date in its name "
                "(view `raw.mosaic_latest_extract` over `raw.mosaic_extracts`).",
            )
        )
    first = contract.files[0]
    check_specs = [
        dg.AssetCheckSpec(
            "files_accepted",
            asset=[source, f.kind],
            blocking=True,
            description="Every current file of this table landed (none rejected), and a "
            "required file is present with at least one data row.",
        )
        for f in contract.files
    ] + [
        dg.AssetCheckSpec(
            STRUCTURE_CHECK,
            asset=[source, first.kind],
            blocking=True,
            description="The input as a whole can be trusted: every extract folder dated, "
            "not older than the publication (unless --allow-older), required files not far "
            "shorter than last published (unless --allow-fewer-rows), no link out of the "
            "input folder, no unreadable archive.",
        )
    ]

    @dg.multi_asset(
        name=f"land_{source}",
        specs=specs,
        check_specs=check_specs,
        can_subset=False,
        description=f"Land every {'XML' if source == 'cin' else 'CSV'} file of the {source} "
        "landing folder into DuckDB schema raw.",
    )
    def _land(
        context: dg.AssetExecutionContext,
        pipeline: PipelineResource,
        warehouse: WarehouseResource,
    ) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
        root = pipeline.input_dir(source)
        # does this source feed this run's figures? (the other CLA source only lands)
        feeds = source in (pipeline.source_system, "dfe")
        with warehouse.connect() as con:
            report = land_source(
                con, source, root, pipeline.column_map.get(source, {}), workers=LANDING_WORKERS
            )
            extent = landed_extent(con, source) if source != "dfe" else None
        counts = report.by_status()
        where = str(root) if root else "no folder given to this run"
        context.log.info(f"landed {source} from {where}: {counts}")
        for outcome in report.rejected:
            context.log.error(f"{source}: {outcome.source_file} rejected: {outcome.message}")
        current = _current(report, source)
        severity = dg.AssetCheckSeverity.ERROR if feeds else dg.AssetCheckSeverity.WARN
        recorded: list[tuple[str, str, str]] = []  # problems no rejected file tells
        for f in contract.files:
            mine = [o for o in current if o.table == f.table]
            rejected = [o for o in mine if o.status == "rejected"]
            accepted = [o for o in mine if o.status != "rejected"]
            rows = sum(o.rows for o in accepted)
            yield dg.MaterializeResult(
                asset_key=[source, f.kind],
                metadata={
                    "dagster/row_count": rows,
                    "files": len(mine),
                    "rejected_files": len(rejected),
                    "quarantined_rows": sum(o.quarantined for o in mine),
                    "source_files": dg.MetadataValue.json([o.source_file for o in mine]),
                    "input_root": where,
                },
            )
            problems_found = [f"{o.source_file}: {o.message}" for o in rejected]
            if root is not None and f.required_file:
                batches = sorted({_batch_of(o) for o in current}) or [""]
                for batch in batches:
                    here = [o for o in accepted if _batch_of(o) == batch]
                    if not here and not [o for o in rejected if _batch_of(o) == batch]:
                        place = f" in {batch}/" if batch else ""
                        problems_found.append(
                            f"required file {f.pattern} not found{place} ({root})"
                        )
                    elif here and sum(o.rows for o in here) == 0:
                        problems_found.extend(
                            f"{o.source_file}: no data rows (header only): an empty extract "
                            "cannot replace the publication"
                            for o in here
                        )
            if root is None and f.required_file and feeds and source != "dfe":
                problems_found.append(f"no folder given for {source}: required file {f.pattern}")
            if feeds:
                recorded += [
                    ("files_accepted", f.table, p) for p in problems_found[len(rejected) :]
                ]
            if not problems_found and not f.required_file and not mine and source == "mosaic":
                passed, check_severity = root is None or not feeds, dg.AssetCheckSeverity.WARN
                if not passed:
                    problems_found.append(
                        f"{f.pattern} absent from the extract: its indicators are null"
                    )
            else:
                passed, check_severity = not problems_found, severity
            yield dg.AssetCheckResult(
                asset_key=[source, f.kind],
                check_name="files_accepted",
                passed=passed,
                severity=check_severity,
                description="; ".join(problems_found)
                or ("all current files landed" if root else "no folder given to this run"),
                metadata={"problems": dg.MetadataValue.json(problems_found)},
            )
        if source == "mosaic":
            yield dg.MaterializeResult(
                asset_key=LATEST_EXTRACT,
                metadata={
                    "extract": extent.batch if extent and extent.batch else "",
                    "extract_date": extent.as_at.isoformat() if extent and extent.as_at else "",
                },
            )
        structure = [f"{o.source_file}: {o.message}" for o in report.structural]
        if source != pipeline.source_system and feeds:  # the gate reads only its source's log
            recorded += [("extract_structure", first.table, p) for p in structure]
        if extent is not None and source == pipeline.source_system:
            manifest = current_manifest(pipeline.publish_dir) or {}
            required = {f.kind: f.pattern for f in contract.files if f.required_file}
            structure += problems(
                extent,
                manifest.get("figures"),
                required,
                allow_older=pipeline.allow_older,
                allow_fewer_rows=pipeline.allow_fewer_rows,
            )
            recorded += [
                ("extract_structure", first.table, p)
                for p in structure
                if p not in {f"{o.source_file}: {o.message}" for o in report.structural}
            ]
        with warehouse.connect() as con:
            record_problems(con, source, recorded)
        yield dg.AssetCheckResult(
            asset_key=[source, first.kind],
            check_name=STRUCTURE_CHECK,
            passed=not structure,
            severity=severity,
            description="; ".join(structure) or "input structure sound",
            metadata={
                "problems": dg.MetadataValue.json(structure),
                "as_at": extent.as_at.isoformat() if extent and extent.as_at else "",
            },
        )

    return _land


land_mosaic = landing_multi_asset("mosaic")
land_ssda903 = landing_multi_asset("ssda903")
land_dfe = landing_multi_asset("dfe")
land_cin = landing_multi_asset("cin")
