"""Where things live, which local authority we report on, and how the site is run.

One module so the CLI, the Dagster definitions and the tests agree on paths without
threading them through every call. Values come from `config/pipeline.yaml`, checked against
a strict schema (an unknown key, a wrong type or an LA code that is not one is an error that
names the key: a typo must never be silently ignored), then overridden by environment
variables so tests, cron and the services can point elsewhere (`ENV_OVERRIDES`).
"""

from __future__ import annotations

import difflib
import os
import re
import zoneinfo
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from dagster_project import yaml_io

REPO_ROOT = Path(__file__).resolve().parents[1]
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


# --- local authority codes: checked against the reference list ----------------------------

_WHERE = "LA code"


def la_code_problem(code: str, reporting: bool = True) -> str | None:
    """Why `code` cannot be used, or None.

    The reporting LA (`reporting`) must be a current English children's services authority
    (`reference.local_authorities.check_la_code`, from the dbt seed); a statistical neighbour
    must be a known authority code (the DfE's neighbour lists name authorities since
    replaced).
    """
    from dagster_project.reference.local_authorities import (
        UnknownLocalAuthority,
        check_la_code,
        find,
    )

    if reporting:
        try:
            check_la_code(code, _WHERE)
        except UnknownLocalAuthority as refusal:
            return str(refusal).removeprefix(f"{_WHERE}: ")
        return None
    if find(code) is None:
        return f"{code!r} is not an English local authority code (e.g. 310 or E09000015)"
    return None


def _code_text(value: Any) -> Any:
    """YAML reads `code: 310` as a number; an LA code is text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _checker(reporting: bool):
    def _checked(value: Any) -> Any:
        value = _code_text(value)
        if isinstance(value, str):
            problem = la_code_problem(value.strip(), reporting=reporting)
            if problem:
                raise ValueError(problem)
            return value.strip()
        return value

    return _checked


ReportingLaCode = Annotated[str, BeforeValidator(_checker(reporting=True))]
NeighbourLaCode = Annotated[str, BeforeValidator(_checker(reporting=False))]


# --- the schema of config/pipeline.yaml ---------------------------------------------------


class _Section(BaseModel):
    """Every section: unknown keys are errors, and values are not coerced across types."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, frozen=True)


class LocalAuthorityConfig(_Section):
    code: ReportingLaCode = "310"
    statistical_neighbours: list[NeighbourLaCode] = Field(default_factory=list)


class PathsConfig(_Section):
    data: str = "data"  # relative to the repository root
    landing: str = "landing"  # the others relative to data
    warehouse: str = "warehouse/cla.duckdb"
    publish: str = "publish"
    dagster_home: str = "dagster_home"


class PublicationConfig(_Section):
    suppression_threshold: int = Field(6, ge=1, le=100)
    # a group that may read the publication (files 0640, folders 0750); None: owner only
    group: str | None = None

    @field_validator("group")
    @classmethod
    def _group(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from dagster_project.permissions import group_id

        group_id(value)  # raises naming the group when the machine has no such group
        return value.strip()


CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
CRON_PART = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?$")


def cron_problem(expression: str) -> str | None:
    """Why a 5-field cron expression is not one (numbers, ranges, lists and steps)."""
    fields = expression.split()
    if len(fields) != 5:
        return "expected 5 fields: minute hour day-of-month month day-of-week"
    for text, (low, high) in zip(fields, CRON_RANGES, strict=True):
        for part in text.split(","):
            if not CRON_PART.match(part):
                return f"cannot read {text!r}"
            numbers = [int(n) for n in re.findall(r"\d+", part.split("/")[0])]
            if any(n < low or n > high for n in numbers):
                return f"{text!r} outside {low}-{high}"
    return None


class ScheduleConfig(_Section):
    cron: str = "0 2 * * *"
    timezone: str = "Europe/London"

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str) -> str:
        problem = cron_problem(value)
        if problem:
            raise ValueError(f"not a cron expression: {problem}")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError("not a time zone name (e.g. Europe/London)") from None
        return value


class FreshnessConfig(_Section):
    # The newest Mosaic extract is stale when its files are older than this.
    max_extract_age_days: int = Field(3, ge=1)
    # warn: the run publishes and says so (and alerts); error: the run refuses to publish.
    severity: Literal["warn", "error"] = "warn"


class QualityConfig(_Section):
    # Record errors refuse publication only when, at the latest reporting date, some
    # indicator's share of children with an unresolved record error exceeds this (0-1).
    max_affected_share: float = Field(0.05, ge=0.0, le=1.0)
    # Figures counting fewer children are not tested (one child of 19 is already over 5%).
    min_denominator: int = Field(20, ge=1)


class EmailConfig(_Section):
    smtp_host: str = ""  # empty: no e-mail
    smtp_port: int = Field(587, ge=1, le=65535)
    starttls: bool = True
    username: str = ""
    password: str = ""
    sender: str = Field("", alias="from")
    to: list[str] = Field(default_factory=list)
    timeout_seconds: int = Field(30, ge=1)

    @model_validator(mode="after")
    def _complete(self) -> EmailConfig:
        if not self.smtp_host:
            return self
        if "@" not in self.sender:
            raise ValueError("from: must be an e-mail address when smtp_host is set")
        if not self.to or any("@" not in address for address in self.to):
            raise ValueError("to: must list e-mail addresses when smtp_host is set")
        return self

    @property
    def enabled(self) -> bool:
        return bool(self.smtp_host)


class WebhookConfig(_Section):
    url: str = ""  # empty: no webhook
    format: Literal["teams", "slack"] = "teams"

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (or http://)")
        return value

    @property
    def enabled(self) -> bool:
        return bool(self.url)


class AlertsConfig(_Section):
    # Base of the links in alerts: where people open the Dagster UI.
    dagster_url: str = "http://localhost:3000"
    email: EmailConfig = Field(default_factory=EmailConfig)
    webhook: WebhookConfig = Field(default_factory=WebhookConfig)

    @property
    def enabled(self) -> bool:
        return self.email.enabled or self.webhook.enabled


ColumnMap = dict[str, dict[str, dict[str, str]]]


class PipelineConfig(_Section):
    """`config/pipeline.yaml`, the whole file."""

    local_authority: LocalAuthorityConfig = Field(default_factory=LocalAuthorityConfig)
    source: Literal["mosaic", "ssda903"] = "mosaic"
    paths: PathsConfig = Field(default_factory=PathsConfig)
    column_map: ColumnMap = Field(default_factory=dict)
    publication: PublicationConfig = Field(default_factory=PublicationConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    freshness: FreshnessConfig = Field(default_factory=FreshnessConfig)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    quality: QualityConfig = Field(default_factory=QualityConfig)

    @field_validator("column_map")
    @classmethod
    def _column_map_sources(cls, value: ColumnMap) -> ColumnMap:
        for source in value:
            if source not in (*SOURCES, "dfe"):
                raise ValueError(f"unknown source {source!r} (expected mosaic, ssda903 or dfe)")
        return value


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
    freshness: FreshnessConfig = field(default_factory=FreshnessConfig)
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
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


TYPE_WORDS = {
    "int_type": "an integer",
    "int_from_float": "an integer",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
}
YAML_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (empty)",
}


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The schema section a location points into (for 'did you mean')."""
    model: type[BaseModel] = PipelineConfig
    for part in loc:
        if not isinstance(part, str):
            continue
        fields = {f.alias or name: f for name, f in model.model_fields.items()}
        found = fields.get(part)
        if found is None or not isinstance(found.annotation, type):
            return None
        if not issubclass(found.annotation, BaseModel):
            return None
        model = found.annotation
    return model


def _key_text(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _describe(error: Any, env_keys: dict[str, str]) -> str:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    key = _key_text(loc)
    base_key = ".".join(str(p) for p in loc if isinstance(p, str))
    where = f" (from {env_keys[base_key]})" if base_key in env_keys else ""
    kind = error["type"]
    if kind == "extra_forbidden":
        section = _model_at(loc[:-1])
        hint = ""
        if section is not None:
            names = [f.alias or n for n, f in section.model_fields.items()]
            close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else f" (expected: {', '.join(names)})"
        return f"{key}: unknown key{hint}"
    if kind == "missing":
        return f"{key}{where}: required"
    if kind in TYPE_WORDS:
        got = YAML_TYPE_NAMES.get(type(error.get("input")), type(error.get("input")).__name__)
        return f"{key}{where}: expected {TYPE_WORDS[kind]} (got {got})"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        shown = "" if base_key in SECRET_KEYS else f" (got {error.get('input')!r})"
        return f"{key}{where}: expected one of {expected}{shown}"
    message = str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    inner = re.match(r"^(\w+): (.*)$", message)
    if kind == "value_error" and isinstance(value, dict) and inner:
        return f"{key}.{inner.group(1)}: {inner.group(2)}"
    if (
        kind == "value_error"
        and base_key not in SECRET_KEYS
        and isinstance(value, str | int)
        and not isinstance(value, bool)
        and repr(str(value).strip()) not in message
    ):
        message = f"{message} (got {value!r})"
    return f"{key}{where}: {message}" if key else message


def _leaf_keys(model: BaseModel, prefix: str = "") -> list[str]:
    keys = []
    for name, info in type(model).model_fields.items():
        alias = info.alias or name
        value = getattr(model, name)
        key = f"{prefix}{alias}"
        if isinstance(value, BaseModel):
            keys += _leaf_keys(value, key + ".")
        else:
            keys.append(key)
    return keys


def load_settings() -> Settings:
    """Read the configuration file, apply environment overrides, check it all; or raise
    `SettingsError` naming every key that is wrong."""
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
        raise SettingsError(path, [_describe(e, env_keys) for e in exc.errors()]) from None
    origins = {
        key: f"env {env_keys[key]}"
        if key in env_keys
        else ("file" if _has_path(file_tree, key) else "default")
        for key in _leaf_keys(config)
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
