"""The Dagster asset that puts `config/targets.yaml` into the warehouse for the indicators."""

import dagster as dg

from dagster_project.indicators.targets import load_targets, write_targets
from dagster_project.resources import PipelineResource
from dagster_project.warehouse import WarehouseResource


@dg.asset(
    key=["config", "indicator_targets"],
    group_name="landing",
    kinds={"yaml", "duckdb"},
    description="Targets, amber tolerances and polarity overrides of the Panel's indicators "
    "(config/targets.yaml), checked and loaded into reference.indicator_targets for "
    "indicator_report's RAG ratings.",
)
def indicator_targets(
    context: dg.AssetExecutionContext,
    pipeline: PipelineResource,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    path = pipeline.targets_file()
    targets = load_targets(path)
    with warehouse.connect() as con:
        rows = write_targets(con, targets, path)
    with_target = sorted(t.indicator_id for t in targets if t.target is not None)
    context.log.info(f"{rows} indicator settings loaded from {path}")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": rows,
            "file": str(path),
            "indicators_with_target": dg.MetadataValue.json(with_target),
        }
    )
