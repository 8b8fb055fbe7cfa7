"""The gate's checks by name, and what each is: for the Dagster UI and the quality page.

Its own module, without pandas or Great Expectations, so the page of `cla validate` and the
Dagster definitions can read it without importing the gate (which loads pandas: a run's
process imports it only when the gate's work begins).
"""

from __future__ import annotations

IMPACT = "record_error_impact"  # quality/impact.py

# the gate's checks, in the order the UI lists them
CHECKS = (
    "gx_raw",
    "gx_staging",
    "gx_marts",
    "dfe_903_rules",
    "dfe_cin_rules",
    "landing",
    "mosaic_timeline",
    "dfe_labels",
    IMPACT,
)
# the dbt relations the gate reads its timeline and DfE-label findings from
TIMELINE_FAULTS = ("intermediate", "int_mosaic__timeline_faults")
DFE_UNKNOWN_LABELS = ("intermediate", "int_comparators__dfe_unknown_labels")

CHECK_DESCRIPTIONS = {
    "gx_raw": "Great Expectations suite on the landed files (expectations/raw): required "
    "columns, identifiers, date forms, Mosaic codes.",
    "gx_staging": "Great Expectations suite on the staged tables (expectations/staging).",
    "gx_marts": "Great Expectations suite on the marts (expectations/marts): keys, "
    "percentages within 0-100, numerator <= denominator, every indicator for every period.",
    "dfe_903_rules": "The DfE SSDA903 validation rules (dagster_project/quality/rules) on the "
    "collection year's return.",
    "dfe_cin_rules": "The DfE CIN census rules that protect the CIN/CP figures "
    "(dagster_project/quality/cin_rules.py) on the census returns landed.",
    "landing": "Files rejected at landing and rows quarantined.",
    "mosaic_timeline": "Gaps and overlaps in the Mosaic extract's periods, legal statuses and "
    "placements (intermediate.int_mosaic__timeline_faults), each resolved by a documented rule.",
    "dfe_labels": "Labels of the landed DfE comparator files that dbt/seeds/comparators/"
    "dfe_labels.csv cannot place: their rows are skipped (intermediate."
    "int_comparators__dfe_unknown_labels).",
    IMPACT: "Record errors' reach into the figures: refuses publication when, at the "
    "latest reporting date, an indicator's share of children with an unresolved record error "
    "(indicator_values.dq_affected_share) exceeds max_affected_share.",
}
