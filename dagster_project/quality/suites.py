"""The Great Expectations suite files (`expectations/<layer>/*.json`), read as reviewed.

Its own module, without pandas or Great Expectations: the Dagster definitions read which
tables the suites check (the gate's inputs) without loading what validates them
(`gx_runner.py`, in GE's own process for `cla run`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dagster_project.settings import EXPECTATIONS_DIR


@dataclass(frozen=True)
class SuiteFile:
    path: Path
    name: str
    layer: str
    table: str
    source: str | None
    child_column: str | None
    query: str | None
    body: dict

    @property
    def schema_table(self) -> tuple[str, str]:
        schema, table = self.table.split(".", 1)
        return schema, table


def load_suites(layer: str, root: Path = EXPECTATIONS_DIR) -> list[SuiteFile]:
    """The suite files of one layer, as reviewed JSON (GX's own suite format)."""
    suites = []
    for path in sorted((root / layer).glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        meta = body.get("meta", {})
        suites.append(
            SuiteFile(
                path=path,
                name=body["name"],
                layer=meta.get("layer", layer),
                table=meta["table"],
                source=meta.get("source"),
                child_column=meta.get("child_column"),
                query=meta.get("query"),
                body=body,
            )
        )
    return suites
