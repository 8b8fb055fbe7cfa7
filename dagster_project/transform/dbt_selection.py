"""Each dbt step's nodes, recorded once a parse, so a run's own process loads no dbt-core.

Why: dbt builds in its worker (`dbt_worker.py`); the run's own process only turns dbt's
result events into Dagster's. Yet dagster-dbt imports dbt-core whenever it is installed
(about a second of every run's start, before the run exists) and evaluates each
`@dbt_assets`' `select` and `exclude` with dbt's graph selector (0.2 s each), and that
selection is all dbt-core does in the run's process. dagster-dbt works without dbt-core (it
has its own stand-ins for dbt's status and node-type names, for dbt Fusion), except that it
cannot evaluate a selection other than "every node". So:

- When the definitions load and dbt-core is not loaded, the selection each step asked for
  (`steps.STEP_SELECTIONS`) is read from `step_selection.json` beside the manifest. When
  that record is of this very manifest (its parse's invocation id) and of the installed
  dagster-dbt, dagster-dbt is imported with dbt-core hidden from it, and the decorations
  within `recorded()` are given the recorded nodes.
- Otherwise everything is as dagster-dbt does it by itself: dbt-core imported, and its
  selector evaluating each step; what it selects is then recorded for the next process
  (`make setup` does it once, after `dbt parse`; a changed project costs one slow start).

dagster-dbt's own selection is what is recorded, never a selection of ours: the two ways
give the same assets, checks and dependencies (tests/transform/test_dbt_selection.py).
dbt-core stays importable: it is hidden only while dagster-dbt itself is imported.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.util
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any

from dagster_project.transform.steps import STEP_SELECTIONS

RECORD_NAME = "step_selection.json"


class _DbtCoreHidden(importlib.abc.MetaPathFinder):
    """Answers every import of dbt-core's `dbt` package as a missing module."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "dbt" or fullname.startswith("dbt."):
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


@contextlib.contextmanager
def _dbt_core_hidden() -> Iterator[None]:
    finder = _DbtCoreHidden()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def _dagster_dbt_version() -> str | None:
    """The installed dagster-dbt's version, read without importing it."""
    spec = importlib.util.find_spec("dagster_dbt")
    if spec is None or spec.origin is None:
        return None
    text = (Path(spec.origin).parent / "version.py").read_text(encoding="utf-8")
    found = re.search(r"__version__\s*=\s*['\"]([^'\"]+)['\"]", text)
    return found.group(1) if found else None


def _key(selection: Sequence[str]) -> str:
    return json.dumps(list(selection))


@dataclass
class Selection:
    """The recorded nodes of each step's selection, for one manifest."""

    manifest: Path
    content: Mapping[str, Any]  # the manifest as read: the definitions' one (no second read)
    record: Path
    identity: dict[str, Any]
    nodes: dict[str, list[str]] = field(default_factory=dict)  # by _key(select, exclude, selector)
    without_dbt_core: bool = False

    def complete(self) -> bool:
        """Does it answer every step's selection?"""
        return all(_key(s) in self.nodes for s in STEP_SELECTIONS.values())

    def _write(self) -> None:
        """The record, replaced whole (two processes may write it at once), readable by
        whoever reads the manifest (node names only); best effort."""
        text = json.dumps({**self.identity, "nodes": self.nodes}, sort_keys=True)
        with contextlib.suppress(OSError):
            handle, scratch = tempfile.mkstemp(prefix=".step_selection-", dir=self.record.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(scratch, self.manifest.stat().st_mode & 0o666)
            os.replace(scratch, self.record)

    @contextlib.contextmanager
    def recorded(self) -> Iterator[None]:
        """`@dbt_assets` decorations in this block select their nodes from the record (or,
        without one, by dagster-dbt, and recorded)."""
        import dagster_dbt.asset_utils as asset_utils

        original: Callable[..., Any] = asset_utils.select_unique_ids
        learnt = False

        def select_unique_ids(**kwargs: Any) -> Any:
            nonlocal learnt
            key = _key([kwargs["select"], kwargs["exclude"], kwargs["selector"]])
            if key in self.nodes:
                return set(self.nodes[key])
            chosen = original(**kwargs)
            self.nodes[key] = sorted(chosen)
            learnt = True
            return chosen

        asset_utils.select_unique_ids = select_unique_ids
        try:
            yield
        finally:
            asset_utils.select_unique_ids = original
        if learnt and self.complete():
            self._write()


def load(manifest: Path) -> Selection:
    """Import dagster-dbt, without dbt-core when the record answers every step (see the
    module); the selection to decorate the dbt assets within."""
    parsed = json.loads(manifest.read_text(encoding="utf-8"))
    metadata: Mapping[str, Any] = parsed.get("metadata", {})
    identity = {
        "invocation_id": metadata.get("invocation_id"),
        "generated_at": metadata.get("generated_at"),
        "dagster_dbt": _dagster_dbt_version(),
    }
    selection = Selection(
        manifest=manifest, content=parsed, record=manifest.parent / RECORD_NAME, identity=identity
    )
    kept = _read(selection.record)
    if all(kept.get(name) == value for name, value in identity.items()):
        nodes = kept.get("nodes")
        if isinstance(nodes, dict) and all(isinstance(v, list) for v in nodes.values()):
            selection.nodes = {str(k): [str(n) for n in v] for k, v in nodes.items()}
    if selection.complete() and "dbt" not in sys.modules and "dagster_dbt" not in sys.modules:
        selection.without_dbt_core = _import_without_dbt_core()
    import dagster_dbt  # noqa: F401  (with dbt-core, unless imported without it above)

    return selection


def _read(record: Path) -> dict[str, Any]:
    """The record's content; empty when it is missing or is not a record."""
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _import_without_dbt_core() -> bool:
    """Import dagster-dbt with dbt-core hidden; False, and nothing of it left imported,
    when that fails (a dagster-dbt that needs dbt-core: the caller imports it as usual)."""
    try:
        with _dbt_core_hidden():
            import dagster_dbt  # noqa: F401
    except ImportError:
        for name in [m for m in sys.modules if m == "dagster_dbt" or m.startswith("dagster_dbt.")]:
            del sys.modules[name]
        return False
    return True
