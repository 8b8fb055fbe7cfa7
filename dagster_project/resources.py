"""Run options shared by every asset: what to read, what to report on, where to publish.

One resource rather than per-asset config, so the nightly schedule, the `cla` command and
the tests describe a run in one object, and every asset reads the same values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster import ConfigurableResource, InitResourceContext
from pydantic import Field, field_validator

from dagster_project import run_processes, runlock
from dagster_project.settings import CONFIG_DIR, SOURCES, Settings

# An LA code as DfE gives it: old (3 digits) or new (ONS, E + 8 digits). Checked before a
# code reaches dbt (where it becomes SQL) or a file name: `--la "310' or 1=1 --"` is refused.
LA_CODE = re.compile(r"^\d{3}$|^E\d{8}$")


def valid_la_code(value: object) -> str:
    code = str(value).strip().upper()
    if not LA_CODE.match(code):
        raise ValueError(
            "not a local authority code: expected 3 digits (old DfE code, e.g. 310) or "
            "E followed by 8 digits (ONS code, e.g. E09000015)"
        )
    return code


class PipelineResource(ConfigurableResource):
    """What one run reads and produces."""

    la_code: str
    source_system: str  # mosaic or ssda903: which landed source feeds the SSDA903 marts
    mosaic_dir: str | None = None  # None: this run has no such input (earlier files removed)
    ssda903_dir: str | None = None
    dfe_dir: str | None = None
    cin_dir: str | None = None  # DfE CIN census XML, cin/<YYYY>/ (read when source is ssda903)
    publish_dir: str
    period_ends: list[str] = Field(default_factory=list)  # ISO; empty: outputs.md default
    suppression_threshold: int = 6
    column_map: dict[str, dict[str, dict[str, str]]] = Field(default_factory=dict)
    targets_path: str | None = None  # indicator targets and RAG; None: config/targets.yaml
    # the BI team's commentary per period (<dir>/<period_end>.yaml); None: config/commentary
    commentary_dir: str | None = None
    # used only when no DfE statistical neighbour model file lists the LA
    statistical_neighbours: list[str] = Field(default_factory=list)
    # structural checks a person may knowingly override (landing/extent.py)
    allow_older: bool = False  # publish an extract older than the current publication
    allow_fewer_rows: bool = False  # publish required files far shorter than last published
    # group allowed to read the publication (config publication.group); None: owner only
    publish_group: str | None = None
    # record errors refuse publication past this share of an indicator's children
    max_affected_share: float = Field(0.05, ge=0.0, le=1.0)
    min_denominator: int = Field(20, ge=1)  # smaller figures are not tested

    @field_validator("la_code")
    @classmethod
    def _la_code(cls, value: str) -> str:
        return valid_la_code(value)

    @field_validator("statistical_neighbours")
    @classmethod
    def _neighbours(cls, value: list[str]) -> list[str]:
        return [valid_la_code(code) for code in value]

    @field_validator("source_system")
    @classmethod
    def _source(cls, value: str) -> str:
        if value not in SOURCES:
            raise ValueError(f"source_system must be one of {', '.join(SOURCES)}")
        return value

    @field_validator("period_ends")
    @classmethod
    def _period_ends(cls, value: list[str]) -> list[str]:
        return [dt.date.fromisoformat(str(p)).isoformat() for p in value]

    @contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator[PipelineResource]:
        """Hold the publication folder's run lock for the run (see `runlock`); meanwhile a
        run of the pipeline job has the helper processes it needs (`run_processes`)."""
        with runlock.hold([runlock.publish_lock_path(self.publish_dir)], context.run_id) as notes:
            for note in notes:
                context.log.warning(note)
            with run_processes.for_run(context.dagster_run):
                yield self

    def input_dir(self, source: str) -> Path | None:
        value = {
            "mosaic": self.mosaic_dir,
            "ssda903": self.ssda903_dir,
            "dfe": self.dfe_dir,
            "cin": self.cin_dir,
        }[source]
        return Path(value) if value else None

    def targets_file(self) -> Path:
        """The indicator targets file this run loads (docs/indicators.md)."""
        return Path(self.targets_path) if self.targets_path else CONFIG_DIR / "targets.yaml"

    def commentary_folder(self) -> Path:
        """Where the report looks for `<period_end>.yaml` (docs/publication.md)."""
        return Path(self.commentary_dir) if self.commentary_dir else CONFIG_DIR / "commentary"

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
            cin_dir=str(settings.cin_dir),
            publish_dir=str(settings.publish_dir),
            suppression_threshold=settings.suppression_threshold,
            column_map=settings.column_map,
            statistical_neighbours=list(settings.statistical_neighbours),
            publish_group=settings.publish_group,
            max_affected_share=settings.max_affected_share,
            min_denominator=settings.min_denominator,
        )
