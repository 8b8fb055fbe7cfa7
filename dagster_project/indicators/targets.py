"""Targets and RAG settings: `config/targets.yaml`, checked, into `reference.indicator_targets`.

The Panel's targets are configuration a person edits, so a mistake must stop the run with a
message naming the file, the line and the field, rather than colour the report wrongly.
The table is the dbt source `config.indicator_targets`, so the lineage runs from the file
to `indicator_report`.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import yaml

from dagster_project import yaml_io
from dagster_project.settings import CONFIG_DIR, DBT_PROJECT_DIR

TARGETS_FILE = CONFIG_DIR / "targets.yaml"
CATALOGUE = DBT_PROJECT_DIR / "seeds" / "indicators" / "indicator_catalogue.csv"
POLARITIES = ("higher_is_better", "lower_is_better", "neutral")
FIELDS = ("target", "amber_tolerance", "polarity", "source")

SCHEMA = "reference"
TABLE = "indicator_targets"
DDL = f"""
create schema if not exists {SCHEMA};
create table if not exists {SCHEMA}.{TABLE} (
    indicator_id varchar,
    target double,
    amber_tolerance double,
    polarity varchar,
    target_source varchar,
    config_file varchar,
    loaded_at timestamp
);
"""


class TargetsConfigError(ValueError):
    """The targets file cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class Target:
    indicator_id: str
    target: float | None
    amber_tolerance: float
    polarity: str | None  # None: the catalogue's polarity applies
    source: str


@cache
def catalogue_kinds() -> dict[str, str]:
    """indicator_id -> kind (value or breakdown), from the dbt seed the marts use."""
    with CATALOGUE.open(encoding="utf-8", newline="") as handle:
        return {row["indicator_id"]: row["kind"] for row in csv.DictReader(handle)}


def _lines(text: str) -> dict[str, int]:
    """Line number (1-based) of each indicator key under `indicators:`."""
    root = yaml.compose(text)
    found: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "indicators" and isinstance(value, yaml.MappingNode):
                for item_key, _ in value.value:
                    found[str(item_key.value)] = item_key.start_mark.line + 1
    return found


def _number(value: Any, where: str, field: str, minimum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TargetsConfigError(f"{where}: field '{field}' must be a number, got {value!r}")
    if minimum is not None and value < minimum:
        raise TargetsConfigError(f"{where}: field '{field}' must be {minimum} or more, got {value}")
    return float(value)


def _target(indicator_id: str, entry: Any, where: str) -> Target:
    kinds = catalogue_kinds()
    if indicator_id not in kinds:
        raise TargetsConfigError(
            f"{where}: '{indicator_id}' is not an indicator of the catalogue "
            f"(dbt/seeds/indicators/indicator_catalogue.csv)"
        )
    if kinds[indicator_id] != "value":
        raise TargetsConfigError(
            f"{where}: '{indicator_id}' is a breakdown; it cannot have a target"
        )
    if not isinstance(entry, dict):
        raise TargetsConfigError(f"{where}: expected fields {', '.join(FIELDS)}, got {entry!r}")
    unknown = sorted(set(map(str, entry)) - set(FIELDS))
    if unknown:
        raise TargetsConfigError(
            f"{where}: unknown field '{unknown[0]}' (allowed: {', '.join(FIELDS)})"
        )
    target = entry.get("target")
    polarity = entry.get("polarity")
    if polarity is not None and polarity not in POLARITIES:
        raise TargetsConfigError(
            f"{where}: field 'polarity' must be one of {', '.join(POLARITIES)}, got {polarity!r}"
        )
    source = entry.get("source")
    if target is not None and not str(source or "").strip():
        raise TargetsConfigError(
            f"{where}: field 'source' is required with a target (say where the target comes from)"
        )
    return Target(
        indicator_id=indicator_id,
        target=None if target is None else _number(target, where, "target"),
        amber_tolerance=_number(entry.get("amber_tolerance", 0), where, "amber_tolerance", 0),
        polarity=polarity,
        source=str(source or "").strip(),
    )


def load_targets(path: Path = TARGETS_FILE) -> list[Target]:
    """Read and check a targets file; raise TargetsConfigError naming file, line and field."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TargetsConfigError(f"{path}: cannot read the targets file ({exc.strerror})") from exc
    try:
        raw = yaml_io.safe_load(text) or {}
        lines = _lines(text)
    except yaml.YAMLError as exc:
        raise TargetsConfigError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("indicators") or {}, dict):
        raise TargetsConfigError(f"{path}: expected a mapping 'indicators: {{indicator_id: ...}}'")
    targets = []
    for indicator_id, entry in (raw.get("indicators") or {}).items():
        where = f"{path}, line {lines.get(str(indicator_id), '?')}, indicator '{indicator_id}'"
        targets.append(_target(str(indicator_id), entry, where))
    return targets


def write_targets(con: duckdb.DuckDBPyConnection, targets: list[Target], path: Path) -> int:
    """Replace the table's rows with `targets` (one transaction); the number of rows."""
    con.execute(DDL)
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    con.execute("begin transaction")
    try:
        con.execute(f"delete from {SCHEMA}.{TABLE}")
        con.executemany(
            f"insert into {SCHEMA}.{TABLE} values (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    t.indicator_id,
                    t.target,
                    t.amber_tolerance,
                    t.polarity,
                    t.source,
                    str(path),
                    loaded_at,
                )
                for t in targets
            ],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return len(targets)
