"""Dagster landing assets: one multi-asset per source, one asset per raw table.

Asset keys equal the dbt source names (`["mosaic", "persons"]` is dbt's
`source('mosaic', 'persons')`), so the UI draws one lineage graph from file to mart.
Each table carries a blocking check, `files_accepted`: a rejected file, or a required file
that is absent, stops the run before anything is derived from incomplete data.
Metadata holds file names and counts only, never a value from a row.
"""

from collections.abc import Iterator

import dagster as dg

from dagster_project.landing.contracts import source_contract
from dagster_project.landing.loader import FileOutcome, LandingReport, land_source
from dagster_project.resources import PipelineResource
from dagster_project.warehouse import WarehouseResource

DESCRIPTIONS = {
    "mosaic": "Mosaic case-management extract",
    "ssda903": "SSDA903 return files (one folder per collection year)",
    "dfe": "DfE 'Children looked after in England' release files and reference data",
}


def _current(report: LandingReport, source: str) -> list[FileOutcome]:
    """Outcomes that feed the marts: Mosaic uses only its latest extract."""
    live = [o for o in report.outcomes if o.status != "removed"]
    if source != "mosaic" or not live:
        return live
    latest = max(o.source_file.split("/", 1)[0] for o in live)
    return [o for o in live if o.source_file.split("/", 1)[0] == latest]


def landing_multi_asset(source: str) -> dg.AssetsDefinition:
    """The landing asset of one source, with a check per raw table."""
    contract = source_contract(source)
    specs = [
        dg.AssetSpec(
            key=[source, f.kind],
            group_name="landing",
            kinds={"duckdb", "csv"},
            description=(
                f"{DESCRIPTIONS[source]}: `{f.pattern}` files landed as text in "
                f"`raw.{f.table}`, with `_source_file`, `_row_number`, `_file_sha256`, "
                "`_loaded_at`."
            ),
            metadata={"table": f"raw.{f.table}", "required_file": f.required_file},
        )
        for f in contract.files
    ]
    check_specs = [
        dg.AssetCheckSpec(
            "files_accepted",
            asset=[source, f.kind],
            blocking=True,
            description="Every current file of this table landed (none rejected), and a "
            "required file is present.",
        )
        for f in contract.files
    ]

    @dg.multi_asset(
        name=f"land_{source}",
        specs=specs,
        check_specs=check_specs,
        can_subset=False,
        description=f"Land every CSV of the {source} landing folder into DuckDB schema raw.",
    )
    def _land(
        context: dg.AssetExecutionContext,
        pipeline: PipelineResource,
        warehouse: WarehouseResource,
    ) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
        root = pipeline.input_dir(source)
        if root is None:
            raise dg.Failure(f"no input folder configured for {source}")
        with warehouse.connect() as con:
            report = land_source(con, source, root, pipeline.column_map.get(source, {}))
        counts = report.by_status()
        context.log.info(f"landed {source} from {root}: {counts}")
        for outcome in report.rejected:
            context.log.error(f"{source}: {outcome.source_file} rejected: {outcome.message}")
        current = _current(report, source)
        for f in contract.files:
            mine = [o for o in current if o.table == f.table]
            rejected = [o for o in mine if o.status == "rejected"]
            rows = sum(o.rows for o in mine if o.status != "rejected")
            yield dg.MaterializeResult(
                asset_key=[source, f.kind],
                metadata={
                    "dagster/row_count": rows,
                    "files": len(mine),
                    "rejected_files": len(rejected),
                    "quarantined_rows": sum(o.quarantined for o in mine),
                    "source_files": dg.MetadataValue.json([o.source_file for o in mine]),
                    "input_root": str(root),
                },
            )
            problems = [f"{o.source_file}: {o.message}" for o in rejected]
            if f.required_file and not mine:  # a rejected file was found: its reason says why
                problems.append(f"required file {f.pattern} not found in {root}")
            if not problems and f.required_file is False and not mine and source == "mosaic":
                passed, severity = False, dg.AssetCheckSeverity.WARN
                problems.append(f"{f.pattern} absent from the extract: its indicators are null")
            else:
                passed, severity = not problems, dg.AssetCheckSeverity.ERROR
            yield dg.AssetCheckResult(
                asset_key=[source, f.kind],
                check_name="files_accepted",
                passed=passed,
                severity=severity,
                description="; ".join(problems) or "all current files landed",
                metadata={"problems": dg.MetadataValue.json(problems)},
            )

    return _land


land_mosaic = landing_multi_asset("mosaic")
land_ssda903 = landing_multi_asset("ssda903")
land_dfe = landing_multi_asset("dfe")
