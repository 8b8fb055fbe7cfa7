"""The data-quality gate: GX suites, the DfE SSDA903 validation rules, findings, asset checks.

Nothing reaches the Panel or the analysts unless it passed: blocking findings fail the
gate's asset checks, so Dagster skips every publication asset downstream of the gate.
"""
