"""Where things live, which local authority we report on, and how the site is run.

One module so the CLI, the Dagster definitions and the tests agree on paths without
threading them through every call. Values come from `config/pipeline.yaml`, checked against
a strict schema (an unknown key, a wrong type or an LA code that is not one is an error that
names the key: a typo must never be silently ignored), then overridden by environment
variables so tests, cron and the services can point elsewhere (`ENV_OVERRIDES`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from dagster_project import yaml_io

if TYPE_CHECKING:  # the schema (pydantic) is imported when the file is read: config_schema.py
    from dagster_project.config_schema import AlertsConfig, FreshnessConfig

REPO_ROOT = Path(__file__).resolve().parents[1]
# DuckDB's own cap on its memory (buffers, hash tables, sorts) in a process using the
# warehouse; past it, DuckDB writes to `<warehouse>.tmp/` beside the file (private, like
# the file) and goes on. DuckDB's default, 80% of the machine's memory, let a national-size
# run (1,000,000 children) take 8.7 GB on a 24 GB machine (docs/benchmarks.md); a run of a
# real LA stays under 1 GB and never meets the cap. The dbt build sets the same value.
MEMORY_LIMIT = "6GB"

DBT_PROJECT_DIR = REPO_ROOT / "dbt"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"
CONFIG_DIR = REPO_ROOT / "config"

SOURCES = ("mosaic", "ssda903")

# Environment variable -> the key it overrides. Secrets (SMTP password, webhook URL, whose
# token is a secret) belong here rather than in a file kept in git.
ENV_OVERRIDES: dict[str, str] = {
    "CLA_HOME": "paths.data",
    "CLA_LA": "local_authority.code",
    "CLA_SOURCE": "source",
    "DAGSTER_HOME": "paths.dagster_home",
    "CLA_SMTP_HOST": "alerts.email.smtp_host",
    "CLA_SMTP_PORT": "alerts.email.smtp_port",
    "CLA_SMTP_STARTTLS": "alerts.email.starttls",
    "CLA_SMTP_USER": "alerts.email.username",
    "CLA_SMTP_PASSWORD": "alerts.email.password",
    "CLA_ALERT_WEBHOOK_URL": "alerts.webhook.url",
}
SECRET_KEYS = {"alerts.email.password", "alerts.webhook.url"}


# --- the resolved settings of one process -------------------------------------------------


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
    publish_group: str | None = None  # publication.group: may read the publication
    max_affected_share: float = 0.05  # quality.max_affected_share (docs/quality.md)
    min_denominator: int = 20  # quality.min_denominator
    dagster_home: Path | None = None
    freshness: FreshnessConfig = field(default_factory=lambda: _schema().FreshnessConfig())
    alerts: AlertsConfig = field(default_factory=lambda: _schema().AlertsConfig())
    config_file: Path | None = None
    # key path -> "file", "default" or "env NAME": where each value came from
    origins: dict[str, str] = field(default_factory=dict)

    @property
    def mosaic_dir(self) -> Path:
        return self.landing_dir / "mosaic"

    @property
    def ssda903_dir(self) -> Path:
        return self.landing_dir / "ssda903"

    @property
    def dfe_dir(self) -> Path:
        return self.landing_dir / "dfe"

    @property
    def cin_dir(self) -> Path:
        return self.landing_dir / "cin"


class SettingsError(Exception):
    """The configuration cannot be used; each problem names its key."""

    def __init__(self, config_file: Path, problems: list[str]) -> None:
        self.config_file = config_file
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"invalid configuration ({self.config_file}):"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def _resolve(base: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def config_path() -> Path:
    return Path(os.environ.get("CLA_CONFIG") or CONFIG_DIR / "pipeline.yaml")


def load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml_io.safe_load(handle) or {}


def _read_config_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise SettingsError(path, ["config file not found (CLA_CONFIG or config/pipeline.yaml)"])
    try:
        raw = load_yaml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise SettingsError(path, [f"not valid YAML{where}"]) from None
    if not isinstance(raw, dict):
        raise SettingsError(path, ["the file must be a mapping of sections (key: value)"])
    return raw


def _env_value(key: str, text: str) -> Any:
    """Environment values are text; read numbers and booleans where the schema wants them."""
    if key.endswith("smtp_port") and text.strip().isdigit():
        return int(text)
    word = text.strip().lower()
    if key.endswith("starttls") and word in ("1", "true", "yes", "0", "false", "no"):
        return word in ("1", "true", "yes")
    return text


def _set_path(tree: dict[str, Any], key: str, value: Any) -> None:
    *parents, leaf = key.split(".")
    node = tree
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[leaf] = value


def _has_path(tree: Any, key: str) -> bool:
    node = tree
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _schema():
    """The schema module, imported on first use (it imports pydantic)."""
    from dagster_project import config_schema

    return config_schema


def load_settings() -> Settings:
    """Read the configuration file, apply environment overrides, check it all; or raise
    `SettingsError` naming every key that is wrong."""
    from pydantic import ValidationError

    from dagster_project.config_schema import PipelineConfig, describe_error, leaf_keys

    path = config_path()
    raw = _read_config_file(path)
    file_tree = yaml_io.safe_load(yaml.safe_dump(raw))  # a copy, for where values came from
    env_keys: dict[str, str] = {}
    for name, key in ENV_OVERRIDES.items():
        text = os.environ.get(name)
        if text:
            _set_path(raw, key, _env_value(key, text))
            env_keys[key] = name
    try:
        config = PipelineConfig.model_validate(raw)
    except ValidationError as exc:
        raise SettingsError(path, [describe_error(e, env_keys) for e in exc.errors()]) from None
    origins = {
        key: f"env {env_keys[key]}"
        if key in env_keys
        else ("file" if _has_path(file_tree, key) else "default")
        for key in leaf_keys(config)
    }
    paths = config.paths
    data_dir = _resolve(REPO_ROOT, paths.data)
    return Settings(
        la_code=config.local_authority.code,
        source=config.source,
        data_dir=data_dir,
        landing_dir=_resolve(data_dir, paths.landing),
        warehouse_path=_resolve(data_dir, paths.warehouse),
        publish_dir=_resolve(data_dir, paths.publish),
        suppression_threshold=config.publication.suppression_threshold,
        schedule_cron=config.schedule.cron,
        schedule_timezone=config.schedule.timezone,
        column_map=config.column_map,
        statistical_neighbours=tuple(config.local_authority.statistical_neighbours),
        publish_group=config.publication.group,
        max_affected_share=config.quality.max_affected_share,
        min_denominator=config.quality.min_denominator,
        dagster_home=_resolve(data_dir, paths.dagster_home),
        freshness=config.freshness,
        alerts=config.alerts,
        config_file=path,
        origins=origins,
    )


def describe_settings(config: Settings) -> list[tuple[str, str, str]]:
    """(key, effective value, origin) for `cla config check`: paths resolved, secrets hidden."""
    resolved: dict[str, Any] = {
        "local_authority.code": config.la_code,
        "local_authority.statistical_neighbours": ", ".join(config.statistical_neighbours)
        or "(none: from the DfE SN model file)",
        "source": config.source,
        "paths.data": config.data_dir,
        "paths.landing": config.landing_dir,
        "paths.warehouse": config.warehouse_path,
        "paths.publish": config.publish_dir,
        "paths.dagster_home": config.dagster_home,
        "column_map": ", ".join(
            f"{source}.{kind}: {len(columns)} column(s)"
            for source, kinds in sorted(config.column_map.items())
            for kind, columns in sorted(kinds.items())
        )
        or "(none)",
        "publication.suppression_threshold": config.suppression_threshold,
        "publication.group": config.publish_group or "(none: owner only)",
        "schedule.cron": f"{config.schedule_cron} ({config.schedule_timezone})",
        "schedule.timezone": config.schedule_timezone,
        "freshness.max_extract_age_days": config.freshness.max_extract_age_days,
        "freshness.severity": config.freshness.severity,
        "alerts.dagster_url": config.alerts.dagster_url,
        "quality.max_affected_share": config.max_affected_share,
        "quality.min_denominator": config.min_denominator,
    }
    email = config.alerts.email.model_dump(by_alias=True)
    for name, value in email.items():
        key = f"alerts.email.{name}"
        resolved[key] = (
            ("(set)" if value else "(not set)")
            if key in SECRET_KEYS
            else (", ".join(value) if isinstance(value, list) else value)
        )
    resolved["alerts.webhook.url"] = "(set)" if config.alerts.webhook.url else "(not set)"
    resolved["alerts.webhook.format"] = config.alerts.webhook.format
    rows = []
    for key, value in resolved.items():
        shown = "" if value is None else str(value)
        if isinstance(value, bool):
            shown = str(value).lower()
        rows.append((key, shown if shown != "" else "(empty)", config.origins.get(key, "default")))
    return rows


@cache
def settings() -> Settings:
    """Settings of this process (cached: call `settings.cache_clear()` after changing env)."""
    return load_settings()
