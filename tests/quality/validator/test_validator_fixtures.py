"""Our DfE rules on the public validator's own per-rule tests, rule by rule.

For every rule we have, each variant of the validator's rule (one per ruleset that changed
it) and each call of its `test_validate()`: our rule of that year, on the same frames as
the typed return, flags exactly the rows the validator flags, per table. A deliberate
difference is declared in the rule file (`Rule.differences`, with DfE's reason) and pinned
here row by row; at most three in the whole registry. Rules the validator has and we do
not are reported per ruleset (xfail, with the codes), so a new `rule_<code>.py` is all it
takes for its fixtures to run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from validator_fixture import fixtures_of, run_call, validator_codes

from dagster_project.quality.rules import all_rules, codes, rule, rules_for
from scripts.validator_env import RULESETS, ruleset_year

MAX_DIFFERENCES = 3


def _expected(the_rule, fixture, index: int, table: str, theirs: set[object]) -> set[object]:
    expected = set(theirs)
    for d in the_rule.differences:
        if (d.ruleset, d.call, d.table) == (fixture.ruleset, index, table):
            expected = (expected - set(d.only_validator)) | set(d.only_ours)
    return expected


@pytest.mark.parametrize("code", codes())
def test_rule_agrees_with_the_validators_fixtures(code: str, validator_fixtures: Path) -> None:
    _agrees(code, validator_fixtures, workers=1)


@pytest.mark.parametrize("code", codes())
def test_rule_agrees_on_a_connection_of_its_own(code: str, validator_fixtures: Path) -> None:
    """The same, as `cla validate` runs the rules (`RuleContext.workers`): typed tables,
    views and macros shared in the database's main schema, the rule run on another
    connection. A rule reading a temporary object fails here."""
    _agrees(code, validator_fixtures, workers=2)


def _agrees(code: str, validator_fixtures: Path, workers: int) -> None:
    fixtures = fixtures_of(validator_fixtures, code)
    if not fixtures:
        pytest.skip(f"{code} is a local rule: the validator has no rule of that code")
    problems: list[str] = []
    for fixture in fixtures:
        assert fixture.status == "passed", f"{fixture.module}: the validator's own test"
        try:
            ours_rule = rule(code, fixture.year)
        except KeyError:
            problems.append(f"{fixture.module}: no variant of ours for {fixture.ruleset}")
            continue
        for index, call in enumerate(fixture.calls):
            theirs = call["result"] or {}
            ours = run_call(ours_rule, call, fixture.year, workers)
            if ours is None:
                if any(theirs.values()):
                    problems.append(f"{fixture.module} call {index}: ours could not run")
                continue
            for table in sorted(set(theirs) | set(ours)):
                expected = _expected(ours_rule, fixture, index, table, set(theirs.get(table, [])))
                got = ours.get(table, set())
                if got != expected:
                    theirs_rows, ours_rows = sorted(expected, key=str), sorted(got, key=str)
                    problems.append(
                        f"{fixture.module} call {index} {table}: validator {theirs_rows}"
                        f" ours {ours_rows}"
                    )
    assert not problems, "\n".join(problems)


def test_deliberate_differences_are_few() -> None:
    declared = [(r.code, d) for r in all_rules() for d in r.differences]
    assert len(declared) <= MAX_DIFFERENCES, declared
    assert all(d.why for _, d in declared)


@pytest.mark.parametrize("ruleset", RULESETS)
def test_rules_per_ruleset(ruleset: str, validator_fixtures: Path) -> None:
    """Every rule of ours that applies to the year is DfE's rule that year; the validator's
    rules we do not have yet are reported (xfail) with their codes."""
    year = ruleset_year(ruleset)
    theirs = {c.lower(): c for c in validator_codes(validator_fixtures, ruleset)}
    everywhere = set()
    for other in RULESETS:
        everywhere |= {c.lower() for c in validator_codes(validator_fixtures, other)}
    ours = {r.code.lower() for r in rules_for(year)}
    wrong_years = sorted(c for c in ours - set(theirs) if c in everywhere)
    assert not wrong_years, (
        f"ours apply to {ruleset} but DfE's rules that year do not: {wrong_years}"
    )
    missing = sorted((theirs[c] for c in set(theirs) - ours), key=_natural)
    if missing:
        pytest.xfail(
            f"{len(missing)} of {len(theirs)} rules of {ruleset} not implemented yet: "
            + " ".join(missing)
        )


def _natural(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 0, code)
