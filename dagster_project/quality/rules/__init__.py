"""The DfE SSDA903 validation rules, one module per rule (`rule_<code>.py`).

One rule, one place: a rule is found by its DfE code, read whole in one file, and tested
beside the others in `tests/quality/rules/` (and against the public validator's own
fixtures, `tests/quality/validator/`). A module exposes `RULE`, or `RULES` when DfE changed
the rule in some year (one `Rule` per form, their years not overlapping). The registry is
the folder itself: adding `rule_<code>.py` is enough for the gate, `cla validate` and the
fixture tests to run it.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from itertools import pairwise

from dagster_project import warmup
from dagster_project.quality.rule import Rule


def all_rules() -> tuple[Rule, ...]:
    """Every rule variant in the folder, ordered by code then first year. `cla run` loads
    them while dbt builds (`warmup`): wait for that rather than load them twice at once."""
    warmup.ready("rules")
    return _all_rules()


@cache
def _all_rules() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("rule_"):
            continue
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        variants = getattr(loaded, "RULES", None) or (loaded.RULE,)
        codes = {v.code.lower() for v in variants}
        if codes != {module.name.removeprefix("rule_")}:
            # one file per code (file names are unique, so a code is never defined twice)
            raise ValueError(f"{module.name} defines rule(s) {sorted(codes)}: name the file for it")
        ordered = sorted(variants, key=lambda r: r.first_year)
        for before, after in pairwise(ordered):
            if before.last_year is None or before.last_year >= after.first_year:
                raise ValueError(f"rule {before.code}: variants' years overlap")
        found.extend(ordered)
    return tuple(sorted(found, key=lambda r: (*_sort_key(r.code), r.first_year)))


def rules_for(year: int) -> tuple[Rule, ...]:
    """DfE's rules for collection year `year` (year of its 31 March), one per code."""
    return tuple(r for r in all_rules() if r.applies_to(year))


def codes() -> tuple[str, ...]:
    """Every rule code we have, in order."""
    return tuple(dict.fromkeys(r.code for r in all_rules()))


def rule(code: str, year: int | None = None) -> Rule:
    """The rule of `code` for `year` (any year: the latest variant)."""
    variants = [r for r in all_rules() if r.code == code]
    if not variants:
        raise KeyError(f"no rule {code!r}")
    if year is None:
        return variants[-1]
    for variant in variants:
        if variant.applies_to(year):
            return variant
    raise KeyError(f"rule {code!r} does not apply to collection year {year}")


def _sort_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 0, code)
