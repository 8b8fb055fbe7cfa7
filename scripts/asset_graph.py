"""Print the Dagster asset graph as the snapshot test keeps it; `--write` updates the file.

    .venv/bin/python -m scripts.asset_graph --write

One line per asset: its key, group, and the keys it reads (sorted); then one line per
asset check. A change to the graph (a new model, a moved folder, a dependency gained or
lost) shows as a diff in `tests/test_asset_graph.py`, reviewed and written here on purpose.
"""

from __future__ import annotations

import sys
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[1] / "tests" / "snapshots" / "asset_graph.txt"


def asset_graph_lines() -> list[str]:
    """The asset graph of the code location, one sorted line per asset and per check."""
    from dagster_project.definitions import defs

    graph = defs.resolve_asset_graph()
    lines = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        reads = ", ".join(sorted(p.to_user_string() for p in node.parent_keys))
        kind = "asset" if node.is_materializable else "external"
        lines.append(f"{kind} {key.to_user_string()} [{node.group_name}] <- {reads or '-'}")
    checks = sorted(
        f"check {c.asset_key.to_user_string()}:{c.name}" for c in graph.asset_check_keys
    )
    return lines + checks


def main(argv: list[str]) -> int:
    text = "\n".join(asset_graph_lines()) + "\n"
    if "--write" in argv:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
        print(f"wrote {SNAPSHOT}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
