"""The fetch asset: the DfE release from explore-education-statistics into `dfe/`.

Kept out of the nightly job on purpose: the default run never reaches the network and
compares against whatever releases are in the dfe landing folder. Run it on demand
(`cla fetch-dfe`, or the `fetch_dfe_release` job in the UI); the next pipeline run lands
what it wrote. Metadata: release id, file names and counts, never a figure.
"""

from pathlib import Path

import dagster as dg
from pydantic import Field

from dagster_project.comparators.fetch import (
    CONTENT_API,
    MODES,
    PUBLICATION_SLUG,
    FetchError,
    FetchSettings,
    fetch_release,
)
from dagster_project.resources import PipelineResource
from dagster_project.settings import settings

FETCH_JOB = "fetch_dfe_release"


class DfeFetchConfig(dg.Config):
    """Run configuration of the fetch (the defaults suit a machine that may be offline)."""

    mode: str = Field(
        default="auto",
        description=f"One of {', '.join(MODES)}. auto: fetch when the service is reachable "
        "(one short connect), else use what is already in dfe/. offline: never touch the "
        "network. online: fetch or fail.",
    )
    base_url: str = Field(default=CONTENT_API, description="EES content API base URL.")
    publication_slug: str = Field(default=PUBLICATION_SLUG, description="EES publication slug.")
    cache_dir: str | None = Field(
        default=None, description="Release zip cache; default <data>/cache/dfe."
    )
    dfe_dir: str | None = Field(
        default=None, description="Landing folder to write into; default the run's dfe folder."
    )
    connect_timeout: float = Field(default=5.0, description="Seconds to connect.")
    read_timeout: float = Field(default=120.0, description="Seconds to wait for data.")
    retries: int = Field(default=3, description="Further attempts after the first.")
    backoff_seconds: float = Field(default=2.0, description="First wait; doubles each retry.")
    probe_timeout: float = Field(default=2.0, description="auto: network check time limit.")

    def fetch_settings(self) -> FetchSettings:
        cache = Path(self.cache_dir) if self.cache_dir else settings().data_dir / "cache" / "dfe"
        return FetchSettings(
            cache_dir=cache,
            mode=self.mode,
            base_url=self.base_url,
            publication_slug=self.publication_slug,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            retries=self.retries,
            backoff_seconds=self.backoff_seconds,
            probe_timeout=self.probe_timeout,
        )


@dg.asset(
    key=["dfe", "release_download"],
    group_name="landing",
    kinds={"http", "csv"},
    description="The latest 'Children looked after in England' release from "
    "explore-education-statistics, written into the dfe landing folder as ees_<release>/ "
    "(zip cached by release id). Offline (by configuration, or no network in auto mode) it "
    "writes nothing and the run uses the releases already there. Not part of the nightly job.",
)
def dfe_release_download(
    context: dg.AssetExecutionContext, config: DfeFetchConfig, pipeline: PipelineResource
) -> dg.MaterializeResult:
    dfe_dir = Path(config.dfe_dir) if config.dfe_dir else pipeline.input_dir("dfe")
    if dfe_dir is None:
        dfe_dir = settings().dfe_dir
    try:
        result = fetch_release(config.fetch_settings(), dfe_dir)
    except FetchError as exc:
        raise dg.Failure(description=f"DfE release fetch failed: {exc}") from exc
    context.log.info(result.message)
    metadata: dict[str, object] = {
        "status": result.status,
        "message": result.message,
        "dfe_dir": str(dfe_dir),
        "requests": result.requests,
        "releases_in_dfe_dir": dg.MetadataValue.json(result.present_releases),
    }
    if result.release is not None:
        metadata.update(
            {
                "release_id": result.release.release_id,
                "release_title": result.release.title,
                "release_folder": result.release.folder_name,
                "files": len(result.files),
                "file_names": dg.MetadataValue.json(result.files),
            }
        )
    return dg.MaterializeResult(metadata=metadata)


fetch_dfe_release_job = dg.define_asset_job(
    FETCH_JOB,
    selection=dg.AssetSelection.assets(dfe_release_download),
    description="Fetch the latest DfE CLA release into the dfe landing folder (network).",
    executor_def=dg.in_process_executor,
)


def fetch_definitions(pipeline: PipelineResource) -> dg.Definitions:
    """Just the fetch asset and job: what `cla fetch-dfe` runs, without loading dbt."""
    return dg.Definitions(
        assets=[dfe_release_download],
        jobs=[fetch_dfe_release_job],
        resources={"pipeline": pipeline},
        executor=dg.in_process_executor,
    )


def run_fetch(
    pipeline: PipelineResource,
    fetch_config: dict[str, object] | None = None,
    instance: dg.DagsterInstance | None = None,
    log_level: str = "WARNING",
) -> dg.ExecuteInProcessResult:
    """Run the fetch job in process (the `cla fetch-dfe` command and tests)."""
    job = fetch_definitions(pipeline).resolve_job_def(FETCH_JOB)
    return job.execute_in_process(
        run_config={
            "ops": {"dfe__release_download": {"config": fetch_config or {}}},
            "loggers": {"console": {"config": {"log_level": log_level}}},
        },
        instance=instance or dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
