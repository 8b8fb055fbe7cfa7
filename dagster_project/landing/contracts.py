"""File contracts: which raw table a file lands in and which columns it must carry.

The contracts are data (`contracts.yaml`) so a reviewer sees the input contract of
`spec/inputs.md` in one place, and a site can read what the pipeline expects.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dagster_project import yaml_io

CONTRACTS_FILE = Path(__file__).with_name("contracts.yaml")
META_COLUMNS = ("_batch", "_source_file", "_row_number", "_file_sha256", "_loaded_at")


@dataclass(frozen=True)
class FileContract:
    """How one kind of file lands."""

    source: str
    kind: str
    pattern: str
    required: tuple[str, ...]
    required_any: tuple[tuple[str, ...], ...]
    optional: tuple[str, ...]
    required_file: bool = False
    known: bool = True

    @property
    def table(self) -> str:
        return f"{self.source}_{self.kind}"

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the raw table always has, in a stable order."""
        seen: dict[str, None] = {}
        for col in self.required:
            seen[col] = None
        for group in self.required_any:
            for col in group:
                seen[col] = None
        for col in self.optional:
            seen[col] = None
        return tuple(seen)

    def missing_columns(self, present: set[str]) -> list[str]:
        """Required columns absent from `present`; for alternatives, the closest set's gaps."""
        missing = [c for c in self.required if c not in present]
        if self.required_any:
            gaps = [[c for c in group if c not in present] for group in self.required_any]
            if all(gaps):
                missing.extend(min(gaps, key=len))
        return missing

    def fingerprint(self, column_map: dict[str, str]) -> str:
        """Changes when the contract or the site's column map for this kind changes."""
        payload = json.dumps(
            [self.kind, self.required, self.required_any, self.optional, sorted(column_map.items())]
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SourceContract:
    source: str
    header_case: str
    layout: str
    files: tuple[FileContract, ...]

    def match(self, file_name: str) -> FileContract:
        """Contract for a file's base name; unknown CSVs get a permissive contract."""
        name = file_name.lower()
        for contract in self.files:
            if fnmatch.fnmatch(name, contract.pattern.lower()):
                return contract
        return FileContract(
            source=self.source,
            kind=table_slug(Path(file_name).stem),
            pattern=name,
            required=(),
            required_any=(),
            optional=(),
            known=False,
        )

    def kinds(self) -> list[str]:
        return [f.kind for f in self.files]


def table_slug(stem: str) -> str:
    """A safe table-name fragment from a file stem."""
    slug = re.sub(r"[^0-9a-zA-Z]+", "_", stem).strip("_").lower()
    return slug or "unnamed"


@cache
def load_contracts() -> dict[str, SourceContract]:
    raw = yaml_io.safe_load(CONTRACTS_FILE.read_text(encoding="utf-8"))
    contracts: dict[str, SourceContract] = {}
    for source, spec in raw.items():
        files = tuple(
            FileContract(
                source=source,
                kind=kind,
                pattern=body["pattern"],
                required=tuple(body.get("required", [])),
                required_any=tuple(tuple(g) for g in body.get("required_any", [])),
                optional=tuple(body.get("optional", [])),
                required_file=bool(body.get("required_file", False)),
            )
            for kind, body in spec["files"].items()
        )
        contracts[source] = SourceContract(
            source=source, header_case=spec["header_case"], layout=spec["layout"], files=files
        )
    return contracts


def source_contract(source: str) -> SourceContract:
    try:
        return load_contracts()[source]
    except KeyError:
        known = sorted(load_contracts())
        raise ValueError(f"unknown source {source!r}; expected one of {known}") from None
