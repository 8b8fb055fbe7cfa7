"""dbt's own documentation site for the analysts, published beside the marts.

`dbt docs generate --static` writes one self-contained HTML file (the manifest and the
warehouse catalog inlined, no server, no network): lineage, every model's SQL, YAML
descriptions and column types. It holds no row of data, but it describes the child-level
903 tables, so it is published inside the release like the database (private, the same
group) and never in the Panel's report.

dbt runs in the run's dbt worker process on the project's prepared manifest
(`transform/dbt_worker.py`): it only reads the warehouse's catalog, read-only, nothing is
parsed or compiled (the pages show each model's SQL as written). So the page is written
while this process builds the database and the report from the same warehouse.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster_project.transform.dbt_worker import docs_meanwhile

DOCS_DIR = "dbt_docs"
DOCS_FILE = "index.html"


@contextmanager
def dbt_docs_meanwhile(
    warehouse: Path, dbt_vars: dict[str, object]
) -> Iterator[Callable[[], Path]]:
    """Start dbt's static docs of `warehouse`; yields a function that waits for the page
    (DbtBuildError if dbt could not write it). The page lives until the block ends."""
    with (
        tempfile.TemporaryDirectory(prefix="cla-dbt-docs-") as scratch,
        docs_meanwhile(Path(warehouse), Path(scratch), dbt_vars) as pending,
    ):
        yield pending.page
