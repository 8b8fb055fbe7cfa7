"""The data-quality gate asset: publication depends on it, its blocking checks guard it.

`["quality", "record_errors"]` runs before dbt builds the indicators (it is the dbt source
`quality.record_errors`): DfE's record-error rules only, on the landed 903 returns or, from
Mosaic, on the return dbt's core SSDA903 tables imply, so the indicators can count per
figure the children with one (quality/record_errors.py).

One asset, `["quality", "data_quality_gate"]`, runs after every mart is built. It runs the
GX suites and the DfE rules, stores the findings (`marts.dq_findings`) and writes them to
the run's staging folder, which the publication switches in with the database and report
(`publication/releases.py`); when a blocking check fails, the gate switches in a release
of its own (these findings beside the last good database and report), so `quality/`
shows why the run was refused. Each check is an asset check with `blocking=True`: a blocking
finding fails it with severity ERROR, so Dagster skips everything downstream (the
publication) and `cla run` names the check; warnings fail it with severity WARN and the
run goes on. Metadata carries counts and rule codes only, never a child's ID or a value.
"""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from dagster_project.landing.assets import land_cin, land_dfe, land_mosaic, land_ssda903
from dagster_project.publication import releases
from dagster_project.quality.checks import (
    CHECK_DESCRIPTIONS,
    CHECKS,
    DFE_UNKNOWN_LABELS,
    TIMELINE_FAULTS,
)
from dagster_project.quality.config import load_quality_config
from dagster_project.quality.context import COLLECTION_YEARS, OC3_COHORT
from dagster_project.quality.suites import load_suites
from dagster_project.resources import PipelineResource
from dagster_project.transform import record_errors as contract
from dagster_project.transform.assets import dbt_asset_keys
from dagster_project.warehouse import WarehouseResource

QUALITY_GATE = dg.AssetKey(["quality", "data_quality_gate"])
# the dbt source quality.record_errors: this key makes the asset its producer in lineage
RECORD_ERRORS = dg.AssetKey([contract.SCHEMA, contract.TABLE])
POSTCODES = dg.AssetKey(["reference", "postcodes"])


def record_error_inputs(source_system: str) -> list[dg.AssetKey]:
    """What the record-error rules read: the landed 903 returns, or from Mosaic dbt's core
    SSDA903 tables and collection years (the return the extract implies), and the
    postcodes (distance). From Mosaic Dagster therefore runs dbt in two steps: up to
    `core`, then, after this asset, the rest (docs/quality.md)."""
    if source_system == "ssda903":
        return [*sorted(land_ssda903.keys), POSTCODES]
    core = sorted(
        k
        for k in dbt_asset_keys()
        if (k.path[0] == "core" and k.path[-1].startswith("ssda903_"))
        or k.path == ["intermediate", "int_collection_years"]
    )
    return [*sorted(land_mosaic.keys), *core, POSTCODES]


def record_errors_asset(source_system: str) -> dg.AssetsDefinition:
    """The asset `["quality", "record_errors"]` (dbt source `quality.record_errors`) for a
    run of `source_system`: its inputs differ by source (`record_error_inputs`)."""

    @dg.asset(
        key=RECORD_ERRORS,
        group_name="quality",
        kinds={"duckdb"},
        deps=record_error_inputs(source_system),
        description="Unresolved record errors per child (DfE's record-error rules on the "
        "returns the figures read: the latest collection year and the five before it), "
        "written before dbt builds the indicators, which count them per figure "
        "(indicator_values.dq_affected). The gate reuses these findings. Contract: "
        "dagster_project/transform/record_errors.py.",
    )
    def quality_record_errors(
        context: dg.AssetExecutionContext,
        pipeline: PipelineResource,
        warehouse: WarehouseResource,
    ) -> dg.MaterializeResult:
        from dagster_project.quality import record_errors  # pandas: loaded when the work begins

        config = load_quality_config()
        source = pipeline.source_system
        with warehouse.connect() as con:
            # from 903 files dbt has not run yet: the years are the landed ones
            year, years = record_errors.checked_year(
                con, source, config.collection_year, landed=source == "ssda903"
            )
            if year is None:
                run = record_errors.nothing()
            else:
                run = record_errors.find(con, source, year, years, config.severity)
            record_errors.store(con, run, year, context.run_id)
        children = int(run.findings["child_id"].dropna().nunique())
        context.log.info(
            f"record errors: {len(run.findings)} finding(s) on {children} child(ren), "
            f"collection year {year}"
        )
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": len(run.findings),
                "children": children,
                "collection_year": year or 0,
                "findings_by_rule": dg.MetadataValue.json(
                    {str(k): int(v) for k, v in run.findings["rule_code"].value_counts().items()}
                ),
            }
        )

    return quality_record_errors


def checked_keys() -> list[dg.AssetKey]:
    """Every relation the gate reads, so Dagster's lineage is the gate's real inputs: the
    landed tables (landing findings, GX raw suites, the 903 returns and CIN censuses as
    submitted), the staged models of the GX staging suites, dbt's core SSDA903 tables (the
    return a Mosaic extract implies), the intermediate models it reads by name, every mart,
    and the postcode reference (distance rules)."""
    dbt_keys = dbt_asset_keys()
    named = {
        dg.AssetKey(list(relation))
        for relation in (TIMELINE_FAULTS, DFE_UNKNOWN_LABELS, COLLECTION_YEARS, OC3_COHORT)
    }
    staged = {dg.AssetKey(suite.table.split(".", 1)) for suite in load_suites("staging")}
    missing = sorted(k.to_user_string() for k in (named | staged) - dbt_keys)
    if missing:
        raise ValueError(f"the gate reads relations dbt does not build: {', '.join(missing)}")
    landed = {k for assets in (land_mosaic, land_ssda903, land_cin, land_dfe) for k in assets.keys}
    built = {k for k in dbt_keys if k.path[0] in ("core", "marts")}
    return [*sorted(landed | named | staged | built), POSTCODES]


@dg.asset(
    key=QUALITY_GATE,
    group_name="quality",
    kinds={"duckdb", "great_expectations"},
    deps=checked_keys(),
    check_specs=[
        dg.AssetCheckSpec(name, asset=QUALITY_GATE, blocking=True, description=text)
        for name, text in CHECK_DESCRIPTIONS.items()
    ],
    description="The data-quality gate: GX suites on raw, staged and mart tables and the DfE "
    "SSDA903 rules; findings in `marts.dq_findings` and `<publish_dir>/quality/` "
    "(findings.csv, rule_summary.csv, index.html). Publication runs only when no blocking "
    "check failed (config/quality.yaml says which findings block).",
)
def data_quality_gate(
    context: dg.AssetExecutionContext,
    pipeline: PipelineResource,
    warehouse: WarehouseResource,
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    from dagster_project.quality.gate import run_gate  # pandas: loaded when the work begins

    staged = releases.prepare_staging(pipeline.publish_dir, context.run_id, pipeline.publish_group)
    with warehouse.connect() as con:
        result = run_gate(
            con,
            pipeline.source_system,
            staged,
            la_code=pipeline.la_code,
            max_affected_share=pipeline.max_affected_share,
            min_denominator=pipeline.min_denominator,
            run_id=context.run_id,
        )
    if any(outcome.blocks for outcome in result.checks.values()):
        releases.commit(
            pipeline.publish_dir, context.run_id, "refused", group=pipeline.publish_group
        )
    blocking = int(result.findings["blocking"].sum())
    reach = result.impact
    context.log.info(
        f"quality gate: {len(result.findings)} finding(s), {blocking} blocking, "
        f"collection year {result.collection_year}"
    )
    yield dg.MaterializeResult(
        asset_key=QUALITY_GATE,
        metadata={
            "dagster/row_count": len(result.findings),
            "blocking_findings": blocking,
            "collection_year": result.collection_year or 0,
            # N and M of `cla run`'s line (quality/impact.py): counts only
            "children_with_record_errors": reach.children_with_record_errors if reach else 0,
            "children_in_figures": reach.children_in_figures if reach else 0,
            "quality_dir": str(Path(pipeline.publish_dir) / releases.QUALITY),
        },
    )
    for name in CHECKS:
        outcome = result.checks[name]
        yield dg.AssetCheckResult(
            asset_key=QUALITY_GATE,
            check_name=name,
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR if outcome.blocks else dg.AssetCheckSeverity.WARN,
            description=outcome.description(),
            metadata={
                "failing_rows": outcome.blocking_rows + outcome.warning_rows,
                "blocking_rows": outcome.blocking_rows,
                "warning_rows": outcome.warning_rows,
                "rules_skipped": outcome.skipped,
                "failing_rows_by_rule": dg.MetadataValue.json(outcome.by_rule),
                "blocking_rules": dg.MetadataValue.json(outcome.blocking_rules),
            },
        )
