"""Where things live and which local authority we report on.

One small module so the CLI, Dagster definitions and tests agree on paths without
threading them through every call. Values come from `config/pipeline.yaml`, overridden
by environment variables (`CLA_HOME`, `CLA_CONFIG`) so tests and cron can point elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"
CONFIG_DIR = REPO_ROOT / "config"

SOURCES = ("mosaic", "ssda903")


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one process."""

    la_code: str
    source: str
    data_dir: Path
    landing_dir: Path
    warehouse_path: Path
    publish_dir: Path
    suppression_threshold: int
    schedule_cron: str
    schedule_timezone: str
    column_map: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    statistical_neighbours: tuple[str, ...] = ()

    @property
    def mosaic_dir(self) -> Path:
        return self.landing_dir / "mosaic"

    @property
    def ssda903_dir(self) -> Path:
        return self.landing_dir / "ssda903"

    @property
    def dfe_dir(self) -> Path:
        return self.landing_dir / "dfe"


def _resolve(base: Path, value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else base / path


def config_path() -> Path:
    return Path(os.environ.get("CLA_CONFIG", CONFIG_DIR / "pipeline.yaml"))


def load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def load_settings() -> Settings:
    """Read the configuration file and apply environment overrides."""
    raw = load_yaml(config_path())
    paths = raw.get("paths", {})
    data_dir = (
        Path(os.environ["CLA_HOME"])
        if os.environ.get("CLA_HOME")
        else _resolve(REPO_ROOT, paths.get("data", "data"))
    )
    authority = raw.get("local_authority", {})
    publication = raw.get("publication", {})
    schedule = raw.get("schedule", {})
    return Settings(
        la_code=str(os.environ.get("CLA_LA", authority.get("code", "310"))),
        source=str(os.environ.get("CLA_SOURCE", raw.get("source", "mosaic"))),
        data_dir=data_dir,
        landing_dir=_resolve(data_dir, paths.get("landing", "landing")),
        warehouse_path=_resolve(data_dir, paths.get("warehouse", "warehouse/cla.duckdb")),
        publish_dir=_resolve(data_dir, paths.get("publish", "publish")),
        suppression_threshold=int(publication.get("suppression_threshold", 6)),
        schedule_cron=str(schedule.get("cron", "0 2 * * *")),
        schedule_timezone=str(schedule.get("timezone", "Europe/London")),
        column_map=raw.get("column_map") or {},
        statistical_neighbours=tuple(
            str(code) for code in authority.get("statistical_neighbours") or ()
        ),
    )


@cache
def settings() -> Settings:
    """Settings of this process (cached: call `settings.cache_clear()` after changing env)."""
    return load_settings()
