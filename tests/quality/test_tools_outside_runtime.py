"""Developer tools live in scripts/ (issue 17): the runtime package never imports them."""

from __future__ import annotations

import ast
from pathlib import Path

from dagster_project.settings import REPO_ROOT


def test_the_runtime_package_never_imports_scripts() -> None:
    importers = []
    for path in sorted((REPO_ROOT / "dagster_project").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "scripts" or n.startswith(("scripts.", "tests")) for n in names):
                importers.append(str(Path(path).relative_to(REPO_ROOT)))
    assert not importers
    assert not (REPO_ROOT / "dagster_project" / "quality" / "agreement.py").exists()
