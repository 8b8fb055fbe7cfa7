"""dbt's own documentation site for the analysts, published beside the marts.

`dbt docs generate --static` writes one self-contained HTML file (the manifest and the
warehouse catalog inlined, no server, no network): lineage, every model's SQL, YAML
descriptions and column types. It holds no row of data, but it describes the child-level
903 tables, so it is published inside the release like the database (private, the same
group) and never in the Panel's report.

The run's own dbt target (dagster-dbt writes `cla_dbt-<run id>-*`) already holds the
manifest of what was built; reusing it (`--no-compile`, with its partial parse) leaves dbt
only the catalog queries to do.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from dagster_project.transform.dbt_cli import run_dbt
from dagster_project.transform.project import target_path

DOCS_DIR = "dbt_docs"
DOCS_FILE = "index.html"
REUSED = ("manifest.json", "partial_parse.msgpack")


def _run_target(run_id: str | None) -> Path | None:
    if not run_id:
        return None
    found = sorted(target_path().glob(f"cla_dbt-{run_id[:7]}-*"))
    return found[-1] if found and (found[-1] / "manifest.json").is_file() else None


def build_dbt_docs(
    warehouse: Path, dbt_vars: dict[str, object], folder: Path, run_id: str | None = None
) -> Path:
    """Write `folder/index.html` (dbt's static docs of `warehouse`) and return its path."""
    with tempfile.TemporaryDirectory(prefix="cla-dbt-docs-") as scratch:
        target = Path(scratch)
        args = ["docs", "generate", "--static"]
        source = _run_target(run_id)
        if source is not None:
            for name in REUSED:
                if (source / name).is_file():
                    shutil.copy2(source / name, target / name)
            args.append("--no-compile")
        run_dbt(args, warehouse, dbt_vars, target=target)
        folder.mkdir(parents=True, exist_ok=True)
        page = folder / DOCS_FILE
        shutil.copyfile(target / "static_index.html", page)
    return page
