"""dbt models as Dagster assets; dbt tests become asset checks.

`dbt build` runs models, seeds and tests in dependency order in one invocation, so a
failing dbt test (severity error) stops the models below it and fails this step, which in
turn stops the quality and publication assets of the run. dbt runs in its worker process
on the manifest parsed once (`transform/dbt_worker.py`); dagster-dbt turns its result events
into materialisations and check results here exactly as it does for its own subprocess, and
is loaded without dbt-core when each step's selection is recorded (`dbt_selection.py`).
"""

import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg

from dagster_project.landing.bootstrap import ensure_all_sources
from dagster_project.resources import PipelineResource
from dagster_project.transform import dbt_selection
from dagster_project.transform.dbt_worker import build_events
from dagster_project.transform.project import (
    RUN_TARGET_PREFIX,
    dbt_project,
    prepared_manifest,
    prune_run_targets,
    target_path,
)
from dagster_project.transform.steps import STEP_SELECTIONS, build_args
from dagster_project.warehouse import WarehouseResource

# dagster-dbt is imported here, without dbt-core when each step's selection is recorded for
# this manifest (`dbt_selection`: dbt builds in its worker, not in this process)
SELECTION = dbt_selection.load(prepared_manifest())

from dagster_dbt import (  # noqa: E402
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    dbt_assets,
)
from dagster_dbt.asset_utils import get_subset_selection_for_context  # noqa: E402
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage  # noqa: E402

PROJECT = dbt_project()
# the manifest, read once: the decorations and every dbt step use this very object, so
# dagster-dbt's translator finds each node's spec made already instead of making it again
# for every event (0.3 s of a Harrow-sized run's first dbt step; docs/benchmarks.md)
MANIFEST = SELECTION.content


class ClaDbtTranslator(DagsterDbtTranslator):
    """Groups by the project's layers; a model's key is the relation it builds.

    dagster-dbt keys a model `[schema, model name]`. A model with an alias builds a relation
    named otherwise (the published `marts.ssda903_episodes` is model `mart_ssda903_episodes`,
    because `core.ssda903_episodes` holds the name), so its key is `[schema, alias]`: every
    dbt asset key is the warehouse relation `schema.table` an engineer or analyst sees.
    """

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        key = super().get_asset_key(dbt_resource_props)
        alias = dbt_resource_props.get("alias")
        if dbt_resource_props.get("resource_type") == "model" and alias not in (
            None,
            dbt_resource_props.get("name"),
        ):
            return dg.AssetKey([*key.path[:-1], alias])
        return key

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_group(dbt_resource_props.get("resource_type"), dbt_resource_props.get("fqn"))


def dbt_group(resource_type: str | None, fqn: list[str] | None) -> str:
    """The Dagster group of a dbt node: its folder, so the UI shows the project's layers.

    A model in `models/intermediate/indicators/` is in group `intermediate_indicators`; a
    seed in `seeds/reference/` in `seeds_reference` (a seed at the top, `seeds`).
    """
    folders = list((fqn or [])[1:-1])
    if resource_type == "seed":
        folders = ["seeds", *folders]
    return "_".join(folders) or "transform"


TRANSLATOR = ClaDbtTranslator(
    settings=DagsterDbtTranslatorSettings(enable_source_tests_as_checks=True)
)


# The models that count record errors and everything built on them are a second dbt step
# (`steps.py`). One @dbt_assets for all models would put an asset of another op between two
# of its models; Dagster would then cut it into as many steps as it needs (seeds alone,
# before landing; docs/architecture.md).


def _build(
    context: dg.AssetExecutionContext,
    pipeline: PipelineResource,
    warehouse: WarehouseResource,
    step: str,
) -> Iterator[Any]:
    """`dbt build` of the step's models (or of the subset a UI run selected), in dbt's worker."""
    select, exclude, _ = STEP_SELECTIONS[step]
    # A run may land only one source: the other sources' tables must still exist (empty).
    with warehouse.connect() as con:
        ensure_all_sources(con)
    prune_run_targets()
    # a run of some of the models (the UI) selects them as dagster-dbt would
    selection, indirect = get_subset_selection_for_context(
        context=context,
        manifest=MANIFEST,
        select=select,
        exclude=exclude or None,
        selector=None,
        dagster_dbt_translator=TRANSLATOR,
        current_dbt_indirect_selection_env=None,
    )
    args = build_args(selection, indirect)
    run_target = target_path() / f"{RUN_TARGET_PREFIX}{context.run_id[:7]}-{uuid.uuid4().hex[:7]}"
    for raw in build_events(args, Path(warehouse.path), run_target, pipeline.dbt_vars()):
        event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
        yield from event.to_default_asset_events(
            manifest=MANIFEST, dagster_dbt_translator=TRANSLATOR, context=context, project=PROJECT
        )


def _step(name: str) -> Any:
    """`@dbt_assets` of one dbt step: its selection (`steps.STEP_SELECTIONS`) by its name."""
    select, exclude, selector = STEP_SELECTIONS[name]
    return dbt_assets(
        manifest=MANIFEST,
        project=PROJECT,
        # dbt tests on sources (e.g. DfE values readable) become checks on the landing
        # assets they test, instead of observations logged with a warning on every run.
        dagster_dbt_translator=TRANSLATOR,
        name=name,
        select=select,
        exclude=exclude,
        selector=selector,
    )


with SELECTION.recorded():

    @_step("cla_dbt")
    def cla_dbt_assets(
        context: dg.AssetExecutionContext,
        pipeline: PipelineResource,
        warehouse: WarehouseResource,
    ) -> Iterator[Any]:
        """Seeds, staging, core SSDA903 tables and every model not built on record errors."""
        yield from _build(context, pipeline, warehouse, "cla_dbt")

    @_step("cla_dbt_indicators")
    def cla_dbt_indicator_assets(
        context: dg.AssetExecutionContext,
        pipeline: PipelineResource,
        warehouse: WarehouseResource,
    ) -> Iterator[Any]:
        """The indicator members, values and report, after `quality/record_errors`."""
        yield from _build(context, pipeline, warehouse, "cla_dbt_indicators")


DBT_ASSETS = (cla_dbt_assets, cla_dbt_indicator_assets)


def dbt_asset_keys() -> set[dg.AssetKey]:
    """Every dbt model's and seed's asset key (both dbt steps)."""
    return {key for assets in DBT_ASSETS for key in assets.keys}
