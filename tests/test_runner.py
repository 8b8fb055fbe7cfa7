"""What `cla run` tells a person when a run fails."""

from __future__ import annotations

from dagster_project.runner import _readable_error


def test_dbt_failure_shows_what_dbt_said() -> None:
    message = (
        "The dbt CLI process with command\n\n`dbt build --select fqn:*`\n\nfailed with exit "
        "code 1.\n\nErrors parsed from dbt logs:\n\nRuntime Error in model ssda903_episodes "
        "(models/marts/ssda903/ssda903_episodes.sql)\n  Catalog Error: Table x does not exist\n"
    )
    assert _readable_error(message) == (
        "dbt failed:\n"
        "    Runtime Error in model ssda903_episodes (models/marts/ssda903/ssda903_episodes.sql)\n"
        "    Catalog Error: Table x does not exist"
    )


def test_other_failures_show_their_first_line() -> None:
    assert _readable_error("input folder not found\nTraceback ...") == "input folder not found"


def test_warnings_of_one_check_are_one_line() -> None:
    from dagster_project.runner import group_warnings

    warnings = [
        "mosaic/health_events:files_accepted health_events.csv absent from the extract: "
        "its indicators are null",
        "quality/data_quality_gate:dfe_903_rules 144 warning finding(s): 153, 178",
        "mosaic/reviews:files_accepted reviews.csv absent from the extract: "
        "its indicators are null",
        "dfe/a:readable x failed",
        "dfe/b:readable y broke",
    ]
    assert group_warnings(warnings) == [
        "files_accepted: health_events.csv, reviews.csv absent from the extract: "
        "its indicators are null",
        "quality/data_quality_gate:dfe_903_rules 144 warning finding(s): 153, 178",
        "readable: dfe/a:readable x failed; dfe/b:readable y broke",
    ]


def test_a_value_in_a_conversion_error_is_not_shown() -> None:
    message = (
        "dbt build failed\n\nErrors parsed from dbt logs:\n\nRuntime Error in model "
        "stg_mosaic__persons (models/staging/mosaic/stg_mosaic__persons.sql)\n"
        "  Conversion Error: Could not convert string '17/13/2011' to DATE\n"
    )
    shown = _readable_error(message)
    assert "17/13/2011" not in shown
    assert "Conversion Error: Could not convert string '…' to DATE" in shown
    assert "stg_mosaic__persons" in shown
