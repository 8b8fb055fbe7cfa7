"""`config/quality.yaml`: each check's severity class, which collection year the rules check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dagster_project.quality.rule import RENAMED, SEVERITIES
from dagster_project.settings import CONFIG_DIR, load_yaml

QUALITY_CONFIG = CONFIG_DIR / "quality.yaml"


@dataclass(frozen=True)
class QualityConfig:
    collection_year: int | None = None  # None: auto
    gx_chunk_rows: int = 200_000
    severity: dict[str, str] = field(default_factory=dict)


def load_quality_config(path: Path = QUALITY_CONFIG) -> QualityConfig:
    raw = load_yaml(path) if path.exists() else {}
    year = raw.get("collection_year", "auto")
    severity = {str(k): str(v) for k, v in (raw.get("severity") or {}).items()}
    renamed = {k: v for k, v in severity.items() if v in RENAMED}
    if renamed:
        code, value = next(iter(renamed.items()))
        raise ValueError(f"{path}: severity of {code!r}: {RENAMED[value]}")
    wrong = {k: v for k, v in severity.items() if v not in SEVERITIES}
    if wrong:
        raise ValueError(f"{path}: severity must be one of {SEVERITIES}; got {wrong}")
    return QualityConfig(
        collection_year=None if str(year) == "auto" else int(year),
        gx_chunk_rows=int(raw.get("gx_chunk_rows", 200_000)),
        severity=severity,
    )
