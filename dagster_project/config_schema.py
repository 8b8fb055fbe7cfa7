"""The schema of `config/pipeline.yaml`: every section, key, type and check (pydantic).

Apart from `settings.py` so that a command that only reads the settings' paths (`cla
validate`, the modules that find the dbt project) does not import pydantic and build these
models (about 0.1 s of a 1.5 s command); `settings.load_settings` imports it when it reads
the file. Errors are worded here, by key, for `SettingsError`.
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from dagster_project.settings import SECRET_KEYS, SOURCES

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


# --- errors worded by key ---------------------------------------------------------------


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


def describe_error(error: Any, env_keys: dict[str, str]) -> str:
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


def leaf_keys(model: BaseModel, prefix: str = "") -> list[str]:
    keys = []
    for name, info in type(model).model_fields.items():
        alias = info.alias or name
        value = getattr(model, name)
        key = f"{prefix}{alias}"
        if isinstance(value, BaseModel):
            keys += leaf_keys(value, key + ".")
        else:
            keys.append(key)
    return keys
