"""Freshness: the newest Mosaic extract must be recent, or someone must be told.

When the scheduled export stops arriving, the nightly run would quietly republish the same
old extract. This asset check on `mosaic/persons` fails when the newest extract's files are
older than `freshness.max_extract_age_days` (config/pipeline.yaml). Severity `warn`: the
run publishes, `cla run` prints the warning and the stale-extract alert goes out; `error`:
the check blocks, so nothing downstream runs, the last publication stays, and the run
failure alert goes out. Age is taken from the files' modification times (when the export
wrote them), not from the folder's name, which sites choose freely.

The check also tags the run with the extract it landed (name and content fingerprint): the
new-extract sensor reads those tags so it never runs the same extract twice, whoever ran it.
"""

import dagster as dg

from dagster_project.config_schema import FreshnessConfig
from dagster_project.landing.extracts import (
    EXTRACT_TAG,
    FINGERPRINT_TAG,
    extract_age,
    fingerprint,
    latest_extract,
)
from dagster_project.resources import PipelineResource

MOSAIC_PERSONS = dg.AssetKey(["mosaic", "persons"])
FRESHNESS_CHECK = "extract_fresh"


def extract_freshness_check(freshness: FreshnessConfig) -> dg.AssetChecksDefinition:
    severity = (
        dg.AssetCheckSeverity.ERROR if freshness.severity == "error" else dg.AssetCheckSeverity.WARN
    )
    limit = freshness.max_extract_age_days

    @dg.asset_check(
        asset=MOSAIC_PERSONS,
        name=FRESHNESS_CHECK,
        blocking=True,
        description=f"The newest Mosaic extract was written less than {limit} day(s) ago "
        f"(freshness.max_extract_age_days; severity {freshness.severity}).",
    )
    def _extract_fresh(
        context: dg.AssetCheckExecutionContext, pipeline: PipelineResource
    ) -> dg.AssetCheckResult:
        root = pipeline.input_dir("mosaic")
        folder = latest_extract(root)
        if folder is None:
            return dg.AssetCheckResult(
                passed=False,
                severity=severity,
                description=f"no Mosaic extract in {root}",
            )
        digest = fingerprint(folder)
        context.instance.add_run_tags(
            context.op_execution_context.run_id, {EXTRACT_TAG: folder.name, FINGERPRINT_TAG: digest}
        )
        age = extract_age(folder)
        fresh = age.age_days <= limit
        verdict = "within" if fresh else "older than"
        return dg.AssetCheckResult(
            passed=fresh,
            severity=severity,
            description=f"newest extract {folder.name} written {age.age_days:.1f} day(s) ago, "
            f"{verdict} the {limit}-day limit"
            + ("" if fresh else ": has the Mosaic export stopped arriving?"),
            metadata={
                "extract": folder.name,
                "age_days": round(age.age_days, 2),
                "max_extract_age_days": limit,
                "fingerprint": digest,
            },
        )

    return _extract_fresh
