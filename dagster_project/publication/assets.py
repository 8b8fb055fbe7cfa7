"""Dagster publication assets: run only when every blocking check upstream has passed.

One multi-asset writes both outputs because they are published together: the report is
read from the new database, and neither replaces its predecessor until both are built. It
depends on every mart and seed it copies and on the quality gate, so a failed blocking
check (landing, dbt test, GX suite, DfE rule) stops it and the previous publication stays.
Metadata carries paths and row counts only, never a value from a row.
"""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from dagster_project.landing.extent import landed_extent
from dagster_project.publication import releases
from dagster_project.publication.database import (
    PUBLISHED_NAME,
    SOURCE_SCHEMAS,
    Descriptions,
    RunInfo,
)
from dagster_project.publication.dbt_docs import dbt_docs_meanwhile
from dagster_project.publication.publish import publish
from dagster_project.publication.report_data import ReportData
from dagster_project.quality.assets import QUALITY_GATE
from dagster_project.resources import PipelineResource
from dagster_project.transform.assets import dbt_asset_keys
from dagster_project.transform.project import ensure_manifest
from dagster_project.warehouse import WarehouseResource

CLA_MARTS = dg.AssetKey(["publication", "cla_marts"])
PANEL_REPORT = dg.AssetKey(["publication", "panel_report"])


def published_dbt_keys() -> list[dg.AssetKey]:
    """The dbt marts and seeds the analysts' database copies (keys `[schema, name]`)."""
    return sorted(k for k in dbt_asset_keys() if k.path[0] in SOURCE_SCHEMAS)


def publication_assets(
    upstream: list[dg.AssetKey] | None = None,
) -> dg.AssetsDefinition:
    """The publication multi-asset, depending on `upstream` and the quality gate."""
    upstream = published_dbt_keys() if upstream is None else upstream
    specs = [
        dg.AssetSpec(
            CLA_MARTS,
            deps=[*upstream, QUALITY_GATE],
            group_name="publication",
            kinds={"duckdb"},
            description="The analysts' database `cla_marts.duckdb`: every mart and seed, "
            "documented, readable by DuckDB 1.4, switched in with the report and quality "
            "findings as one release (publication/releases.py).",
        ),
        dg.AssetSpec(
            PANEL_REPORT,
            deps=[CLA_MARTS],
            group_name="publication",
            kinds={"html", "excel"},
            description="The Corporate Parenting Panel report (HTML and Excel) for the latest "
            "period, suppressed, swapped into `report/`.",
        ),
    ]

    @dg.multi_asset(
        name="publish",
        specs=specs,
        can_subset=False,
        description="Publish the analysts' database and the Panel report together.",
    )
    def _publish(
        context: dg.AssetExecutionContext,
        pipeline: PipelineResource,
        warehouse: WarehouseResource,
    ) -> Iterator[dg.MaterializeResult]:
        publish_dir = Path(pipeline.publish_dir).resolve()
        with warehouse.connect(read_only=True) as con:
            extent = landed_extent(con, pipeline.source_system)
        figures = extent.to_json()
        run = RunInfo(
            run_id=context.run_id,
            source_system=pipeline.source_system,
            la_code=pipeline.la_code,
            suppression_threshold=pipeline.suppression_threshold,
            data_extracted=extent.as_at,
        )
        try:
            # dbt writes its docs page in its worker while this builds the database
            with dbt_docs_meanwhile(Path(warehouse.path), pipeline.dbt_vars()) as docs:
                result = publish(
                    Path(warehouse.path),
                    publish_dir,
                    run,
                    Descriptions.from_manifest(ensure_manifest()),
                    figures=figures,
                    group=pipeline.publish_group,
                    commentary_dir=pipeline.commentary_folder(),
                    dbt_docs=docs,
                )
        except Exception:
            # the gate passed but the publication could not be built: show the findings,
            # keep the last good database and report (one switch, as for a refusal)
            if not releases.committed(publish_dir, context.run_id):
                releases.commit(
                    publish_dir, context.run_id, "refused", group=pipeline.publish_group
                )
            raise
        context.log.info(
            f"published {len(result.row_counts)} tables to {result.database}; "
            f"report for {result.report.period_end} in {result.report_dir}"
        )
        yield dg.MaterializeResult(
            asset_key=CLA_MARTS,
            metadata={
                "path": dg.MetadataValue.path(str(publish_dir / PUBLISHED_NAME)),
                "tables": len(result.row_counts),
                "row_counts": dg.MetadataValue.json(result.row_counts),
                "dagster/row_count": sum(result.row_counts.values()),
                "storage_version": "v1.4.0",
            },
        )
        report = result.report
        yield dg.MaterializeResult(
            asset_key=PANEL_REPORT,
            metadata={
                "report": dg.MetadataValue.url(result.html.as_uri()),
                "html": dg.MetadataValue.path(str(result.html)),
                "excel": dg.MetadataValue.path(str(result.excel)),
                "period_end": report.period_end.isoformat(),
                "provisional": report.provisional,
                "kpis": len(report.kpis),
                "trend_charts": len(report.trends),
                "breakdowns": len(report.breakdowns),
                "suppressed_figures": _suppressed(report),
            },
        )

    return _publish


def _suppressed(report: ReportData) -> int:
    """How many figures the report shows as c (a count, for the run's metadata)."""
    figures = [f for k in report.kpis for f in (k.value, k.previous, k.year_ago)]
    figures += [p.figure for t in report.trends for p in t.points]
    figures += [f for b in report.breakdowns for r in b.rows for f in (r.count, r.percent)]
    figures += [f for r in report.care_leavers for f in (r.number_in, r.percent)]
    return sum(f.suppressed for f in figures)


publish_assets = publication_assets()
