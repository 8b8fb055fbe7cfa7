"""Export the public DfE 903 validator's own rule tests as data (run in its venv).

Each rule module of `csc-validator-be-903` ships `test_validate()`: hand-made frames, a call
of the rule's `validate`, and an assertion on the failing rows. This script runs every
module's `test_validate()` with `validate` wrapped, so each call's input frames (as the rule
received them, and the `metadata` such as collection_start) and the rows it returned are
captured, and writes them as JSON, one file per module, plus each ruleset's registry (which
module is the rule of each code in each year). Our tests then run our rules on the same
frames (tests/quality/validator/).

    <validator venv>/bin/python scripts/validator_fixtures.py OUT_DIR

Runs with the validator's pandas (1.5); imports nothing of ours. Values are written as the
text a file would hold (None for a missing value), the frame's index labels kept.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import math
import sys
from pathlib import Path

logging.disable(logging.CRITICAL)

import pandas as pd  # noqa: E402


def text(value: object) -> str | None:
    """A cell as the text a 903 file would hold."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        if value.hour or value.minute or value.second:
            return value.strftime("%d/%m/%Y %H:%M:%S")
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def label(value: object) -> object:
    """An index label as JSON (ints stay ints; a row label a rule returns as a float, when
    its merge gave the index column a missing value, is the int it stands for)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, str)) else str(value)


def frame(df: pd.DataFrame) -> dict[str, object]:
    return {
        "columns": [str(c) for c in df.columns],
        "index": [label(i) for i in df.index],
        "rows": [[text(v) for v in row] for row in df.itertuples(index=False, name=None)],
    }


def inputs(dfs: dict[str, object]) -> dict[str, object]:
    tables = {name: frame(df) for name, df in dfs.items() if isinstance(df, pd.DataFrame)}
    metadata = {}
    for key, value in (dfs.get("metadata") or {}).items():
        metadata[key] = {"frame": frame(value)} if isinstance(value, pd.DataFrame) else text(value)
    return {"tables": tables, "metadata": metadata}


def result(found: object) -> dict[str, list[object]] | None:
    if not isinstance(found, dict):
        return None
    return {str(table): [label(i) for i in list(rows)] for table, rows in found.items()}


def capture(module) -> tuple[str, list[dict[str, object]]]:
    original = module.validate
    calls: list[dict[str, object]] = []

    def wrapped(dfs, *args, **kwargs):
        given = inputs(dfs)  # before the call: rules add columns to the frames they get
        found = original(dfs, *args, **kwargs)
        calls.append({"input": given, "result": result(found)})
        return found

    module.validate = wrapped
    try:
        module.test_validate()
        status = "passed"
    except AssertionError:
        status = "failed: its own assertion"
    except Exception as exc:  # a fixture the validator itself cannot run
        status = f"failed: {type(exc).__name__}"
    finally:
        module.validate = original
    return status, calls


def main(out: Path) -> int:
    import lac_validator.rules as package

    out.mkdir(parents=True, exist_ok=True)
    root = Path(next(iter(package.__path__)))
    rulesets = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith("lac"))
    registries: dict[str, dict[str, str]] = {}
    exported = 0
    for ruleset in rulesets:
        registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
        registries[ruleset] = {
            str(code): definition.func.__module__.rsplit(".", 2)[-2]
            + "."
            + definition.func.__module__.rsplit(".", 1)[-1]
            for code, definition in registry.items()
        }
        for path in sorted((root / ruleset).glob("rule_*.py")):
            module = importlib.import_module(f"lac_validator.rules.{ruleset}.{path.stem}")
            definition = module.validate.rule
            status, calls = capture(module)
            record = {
                "ruleset": ruleset,
                "module": f"{ruleset}.{path.stem}",
                "code": str(definition.code),
                "message": definition.message,
                "tables": definition.tables,
                "affected_fields": definition.affected_fields,
                "status": status,
                "calls": calls,
            }
            (out / f"{ruleset}.{path.stem}.json").write_text(json.dumps(record))
            exported += 1
    (out / "registries.json").write_text(json.dumps(registries, indent=1))
    print(json.dumps({"modules": exported, "rulesets": rulesets}))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
