"""dbt's own documentation site for the analysts, published beside the marts.

`dbt docs generate --static` writes one self-contained HTML file (the manifest and the
warehouse catalog inlined, no server, no network): lineage, every model's SQL, YAML
descriptions and column types. It holds no row of data, but it describes the child-level
903 tables, so it is published inside the release like the database (private, the same
group) and never in the Panel's report.

dbt runs in this process on the project's prepared manifest (`transform/dbt_build.py`): it
only reads the warehouse's catalog, nothing is parsed or compiled (the pages show each
model's SQL as written).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from dagster_project.transform.dbt_build import static_docs

DOCS_DIR = "dbt_docs"
DOCS_FILE = "index.html"


def build_dbt_docs(warehouse: Path, dbt_vars: dict[str, object], folder: Path) -> Path:
    """Write `folder/index.html` (dbt's static docs of `warehouse`) and return its path."""
    with tempfile.TemporaryDirectory(prefix="cla-dbt-docs-") as scratch:
        page = static_docs(Path(warehouse), Path(scratch), dbt_vars)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / DOCS_FILE
        shutil.copyfile(page, target)
    return target
