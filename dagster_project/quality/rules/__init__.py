"""The DfE SSDA903 validation rules, one module per rule (`rule_<code>.py`, exposing `RULE`).

One rule, one place: a rule is found by its DfE code, read whole in one file, and tested
beside the others in `tests/quality/rules/`. The registry is the folder itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from dagster_project.quality.rule import Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule in the folder, ordered by code; duplicate codes are an error."""
    found: dict[str, Rule] = {}
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("rule_"):
            continue
        rule = importlib.import_module(f"{__name__}.{module.name}").RULE
        if rule.code in found:
            raise ValueError(f"rule code {rule.code} defined twice")
        if module.name != f"rule_{rule.code.lower()}":
            raise ValueError(f"{module.name} defines rule {rule.code}: name the file for it")
        found[rule.code] = rule
    return tuple(sorted(found.values(), key=lambda r: _sort_key(r.code)))


def rule(code: str) -> Rule:
    for r in all_rules():
        if r.code == code:
            return r
    raise KeyError(f"no rule {code!r}")


def _sort_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 0, code)
