"""Run options shared by every asset: what to read, what to report on, where to publish.

One resource rather than per-asset config, so the nightly schedule, the `cla` command and
the tests describe a run in one object, and every asset reads the same values.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dagster import ConfigurableResource
from pydantic import Field

from dagster_project.settings import CONFIG_DIR, Settings


class PipelineResource(ConfigurableResource):
    """What one run reads and produces."""

    la_code: str
    source_system: str  # mosaic or ssda903: which landed source feeds the SSDA903 marts
    mosaic_dir: str | None = None  # None: leave that source's raw tables as they are
    ssda903_dir: str | None = None
    dfe_dir: str | None = None
    publish_dir: str
    period_ends: list[str] = Field(default_factory=list)  # ISO; empty: outputs.md default
    suppression_threshold: int = 6
    column_map: dict[str, dict[str, dict[str, str]]] = Field(default_factory=dict)
    targets_path: str | None = None  # indicator targets and RAG; None: config/targets.yaml
    # used only when no DfE statistical neighbour model file lists the LA
    statistical_neighbours: list[str] = Field(default_factory=list)

    def input_dir(self, source: str) -> Path | None:
        value = {"mosaic": self.mosaic_dir, "ssda903": self.ssda903_dir, "dfe": self.dfe_dir}[
            source
        ]
        return Path(value) if value else None

    def targets_file(self) -> Path:
        """The indicator targets file this run loads (docs/indicators.md)."""
        return Path(self.targets_path) if self.targets_path else CONFIG_DIR / "targets.yaml"

    def parsed_period_ends(self) -> list[dt.date]:
        return [dt.date.fromisoformat(p) for p in self.period_ends]

    def dbt_vars(self) -> dict[str, object]:
        """Variables every dbt invocation of this run receives."""
        return {
            "source_system": self.source_system,
            "la_code": self.la_code,
            "period_ends": list(self.period_ends),
            "statistical_neighbours": list(self.statistical_neighbours),
        }

    @classmethod
    def from_settings(
        cls, settings: Settings, source_system: str | None = None
    ) -> PipelineResource:
        """The nightly run: every landing folder of the configured landing area."""
        return cls(
            la_code=settings.la_code,
            source_system=source_system or settings.source,
            mosaic_dir=str(settings.mosaic_dir),
            ssda903_dir=str(settings.ssda903_dir),
            dfe_dir=str(settings.dfe_dir),
            publish_dir=str(settings.publish_dir),
            suppression_threshold=settings.suppression_threshold,
            column_map=settings.column_map,
            statistical_neighbours=list(settings.statistical_neighbours),
        )
