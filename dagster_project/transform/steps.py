"""The run's two dbt steps, as `dbt build` arguments.

The models that count record errors (`quality.record_errors`, found by Python rules between
the two steps) and everything built on them are the second step; the first is every other
node. Kept apart from `assets.py` (which imports dagster-dbt) so `cla run` can ask dbt's
worker to compile a whole run's two builds while the run is still starting
(`dbt_worker.prepare`).
"""

from __future__ import annotations

AFTER_RECORD_ERRORS = "source:quality.record_errors+"
WHOLE_PROJECT = "fqn:*"
# each dbt step's `@dbt_assets` selection as dagster-dbt is given it: (select, exclude,
# selector), by op name (`dbt_selection` records the nodes each selects)
STEP_SELECTIONS = {
    "cla_dbt": (WHOLE_PROJECT, AFTER_RECORD_ERRORS, ""),
    "cla_dbt_indicators": (AFTER_RECORD_ERRORS, "", ""),
}


def build_args(selection: list[str], indirect: str | None = None) -> list[str]:
    """`dbt build` of a selection. dbt unit tests pin logic on hand-made rows: pytest runs
    them, not every night."""
    args = ["build", "--exclude-resource-type", "unit_test", *selection]
    if indirect:
        args += ["--indirect-selection", indirect]
    return args


def whole_run() -> list[list[str]]:
    """The two builds of a run of every asset, as dagster-dbt selects them by default."""
    return [
        build_args(["--select", WHOLE_PROJECT, "--exclude", AFTER_RECORD_ERRORS]),
        build_args(["--select", AFTER_RECORD_ERRORS]),
    ]
