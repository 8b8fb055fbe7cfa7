"""Configuration reaches the run, and a wrong configuration stops everything, naming the key.

config/pipeline.yaml -> strict schema -> Settings -> dbt variables; environment overrides.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dagster_project.cli import main
from dagster_project.config_schema import la_code_problem
from dagster_project.resources import PipelineResource
from dagster_project.settings import (
    REPO_ROOT,
    SettingsError,
    describe_settings,
    load_settings,
    settings,
)


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write a pipeline.yaml and point CLA_CONFIG at it; no overriding env by default."""
    for name in ("CLA_LA", "CLA_SOURCE", "DAGSTER_HOME", "CLA_SMTP_PASSWORD", "CLA_SMTP_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLA_HOME", str(tmp_path / "home"))
    path = tmp_path / "pipeline.yaml"
    monkeypatch.setenv("CLA_CONFIG", str(path))

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        settings.cache_clear()
        return path

    yield write
    settings.cache_clear()


def problems(text: str, write) -> list[str]:
    write(text)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    return caught.value.problems


def test_config_file_and_environment_reach_the_dbt_variables(
    config_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file(
        "local_authority:\n  code: E09000015\n  statistical_neighbours: [317, '312']\n"
        "source: ssda903\npaths: {data: data}\npublication: {suppression_threshold: 10}\n"
    )
    settings = load_settings()
    assert settings.warehouse_path == tmp_path / "home" / "warehouse" / "cla.duckdb"
    assert settings.mosaic_dir == tmp_path / "home" / "landing" / "mosaic"
    assert settings.dagster_home == tmp_path / "home" / "dagster_home"
    pipeline = PipelineResource.from_settings(settings)
    assert pipeline.suppression_threshold == 10
    assert pipeline.dbt_vars() == {
        "source_system": "ssda903",
        "la_code": "E09000015",
        "period_ends": [],
        "statistical_neighbours": ["317", "312"],
    }
    monkeypatch.setenv("CLA_LA", "310")
    assert load_settings().la_code == "310"


def test_the_shipped_config_file_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLA_CONFIG", raising=False)
    config = load_settings()
    assert config.config_file == REPO_ROOT / "config" / "pipeline.yaml"
    assert config.la_code == "310" and config.freshness.max_extract_age_days == 3
    assert not config.alerts.enabled


def test_a_typo_is_an_unknown_key_with_a_suggestion(config_file) -> None:
    found = problems("publication:\n  suppresion_threshold: 6\n", config_file)
    assert found == [
        "publication.suppresion_threshold: unknown key (did you mean suppression_threshold?)"
    ]
    found = problems("publiction: {suppression_threshold: 6}\n", config_file)
    assert found == ["publiction: unknown key (did you mean publication?)"]
    found = problems("alerts:\n  email: {smtp_hots: x}\n", config_file)
    assert found == ["alerts.email.smtp_hots: unknown key (did you mean smtp_host?)"]


def test_wrong_types_name_the_key_and_the_expected_type(config_file) -> None:
    found = problems(
        "publication: {suppression_threshold: six}\n"
        "freshness: {max_extract_age_days: '3'}\n"
        "alerts: {email: {to: someone@example.org, starttls: 'yes'}}\n"
        "local_authority: 310\n",
        config_file,
    )
    assert sorted(found) == [
        "alerts.email.starttls: expected true or false (got text)",
        "alerts.email.to: expected a list (got text)",
        "freshness.max_extract_age_days: expected an integer (got text)",
        "local_authority: expected a mapping (key: value) (got a number)",
        "publication.suppression_threshold: expected an integer (got text)",
    ]


def test_values_out_of_range_name_the_key(config_file) -> None:
    found = problems(
        "source: mosiac\nschedule: {cron: '0 25 * * *', timezone: Europe/Londn}\n"
        "publication: {suppression_threshold: 0}\n"
        "freshness: {severity: fatal}\n",
        config_file,
    )
    assert "source: expected one of 'mosaic' or 'ssda903' (got 'mosiac')" in found
    assert "schedule.cron: not a cron expression: '25' outside 0-23 (got '0 25 * * *')" in found
    assert any(p.startswith("schedule.timezone: not a time zone name") for p in found)
    assert any(
        p.startswith("publication.suppression_threshold: Input should be greater") for p in found
    )
    assert "freshness.severity: expected one of 'warn' or 'error' (got 'fatal')" in found


def test_la_codes_are_checked_wherever_they_come_from(
    config_file, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's LA 999: refused, naming the key, against the LA reference list."""
    config_file("local_authority: {code: 999}\n")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.problems == [
        "local_authority.code: '999' is not an English local authority code; give an old "
        "3-digit code such as 310 or a new E06/E08/E09/E10 code such as E09000015 (the list: "
        "dbt/seeds/reference/local_authorities.csv)"
    ]
    config_file("local_authority: {code: 310, statistical_neighbours: [317, E0900001]}\n")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.problems == [
        "local_authority.statistical_neighbours[1]: 'E0900001' is not an English local "
        "authority code (e.g. 310 or E09000015)"
    ]
    config_file("local_authority: {code: 310, statistical_neighbours: [928, E09000017]}\n")
    config = load_settings()  # YAML reads 310 as a number: still the code
    assert config.la_code == "310"
    assert config.statistical_neighbours == ("928", "E09000017")  # a neighbour may be abolished
    monkeypatch.setenv("CLA_LA", "E07000098")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.problems[0].startswith(
        "local_authority.code (from CLA_LA): 'E07000098' is Hertsmere, a district council"
    )
    assert la_code_problem("E09000015") is None and la_code_problem("310") is None
    assert la_code_problem("31") and la_code_problem("E0900001X")


def test_an_unreadable_file_is_an_error_not_the_defaults(config_file, tmp_path: Path) -> None:
    assert problems("local_authority: [\n", config_file) == ["not valid YAML at line 2"]
    assert problems("- a\n- b\n", config_file) == [
        "the file must be a mapping of sections (key: value)"
    ]
    config_file("")
    (tmp_path / "pipeline.yaml").unlink()
    with pytest.raises(SettingsError, match="config file not found"):
        load_settings()


def test_email_alerts_need_addresses(config_file) -> None:
    found = problems("alerts: {email: {smtp_host: mail.example.org}}\n", config_file)
    assert found == ["alerts.email.from: must be an e-mail address when smtp_host is set"]


def test_where_each_value_came_from_and_secrets_stay_hidden(
    config_file, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config_file(
        "source: ssda903\nalerts:\n  email: {smtp_host: mail.example.org, from: cla@example.org,"
        " to: [bi@example.org]}\n"
    )
    monkeypatch.setenv("CLA_SMTP_PASSWORD", "s3cret-value")
    monkeypatch.setenv("CLA_SMTP_PORT", "2525")
    config = load_settings()
    assert config.alerts.email.password == "s3cret-value"
    assert config.alerts.email.smtp_port == 2525
    rows = {key: (value, origin) for key, value, origin in describe_settings(config)}
    assert rows["source"] == ("ssda903", "file")
    assert rows["paths.data"] == (str(tmp_path / "home"), "env CLA_HOME")
    assert rows["paths.warehouse"] == (str(tmp_path / "home/warehouse/cla.duckdb"), "default")
    assert rows["alerts.email.password"] == ("(set)", "env CLA_SMTP_PASSWORD")
    assert rows["alerts.email.smtp_port"] == ("2525", "env CLA_SMTP_PORT")
    assert rows["alerts.email.to"] == ("bi@example.org", "file")
    assert not any("s3cret" in value for value, _ in rows.values())
    monkeypatch.setenv("CLA_SMTP_PORT", "smtp")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.problems == [
        "alerts.email.smtp_port (from CLA_SMTP_PORT): expected an integer (got text)"
    ]


def test_cla_config_check_prints_the_effective_settings(
    config_file, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    config_file("local_authority: {code: '317'}\n")
    assert main(["config", "check"]) == 0
    out = capsys.readouterr().out
    assert f"config file: {tmp_path / 'pipeline.yaml'}" in out
    assert any(line.split() == ["local_authority.code", "317", "file"] for line in out.splitlines())
    assert any(
        line.split() == ["paths.data", str(tmp_path / "home"), "env", "CLA_HOME"]
        for line in out.splitlines()
    )
    assert out.rstrip().endswith("configuration valid")
    config_file("publication:\n  suppresion_threshold: 6\n")
    assert main(["config", "check"]) == 2
    err = capsys.readouterr().err
    assert "publication.suppresion_threshold: unknown key" in err


def test_cla_run_stops_before_doing_anything_on_a_typo(config_file, tmp_path: Path) -> None:
    """The issue's case: a typo in pipeline.yaml must stop `cla run`, naming the key."""
    config_file("publication:\n  suppresion_threshold: 6\n")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dagster_project.cli",
            "run",
            "--input",
            str(inputs),
            "--source",
            "mosaic",
        ],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"cla run: invalid configuration ({tmp_path / 'pipeline.yaml'}):",
        "  publication.suppresion_threshold: unknown key (did you mean suppression_threshold?)",
    ]
    assert not (tmp_path / "home").exists()  # no warehouse, no Dagster instance, no log


def test_cla_run_checks_the_la_option(config_file, tmp_path: Path, capsys) -> None:
    config_file("source: mosaic\n")
    status = main(["run", "--input", str(tmp_path), "--source", "mosaic", "--la", "99"])
    assert status == 2
    assert capsys.readouterr().err.startswith(
        "cla run: --la: '99' is not an English local authority code"
    )
    assert not (tmp_path / "home").exists()


def test_the_record_error_threshold_is_a_share_and_reaches_the_run(config_file) -> None:
    found = problems("quality: {max_affected_share: 5, min_denominator: 0}\n", config_file)
    assert any(p.startswith("quality.max_affected_share: Input should be less") for p in found)
    assert any(p.startswith("quality.min_denominator: Input should be greater") for p in found)
    config_file("quality: {max_affected_share: 0.1, min_denominator: 30}\n")
    loaded = load_settings()
    assert (loaded.max_affected_share, loaded.min_denominator) == (0.1, 30)
    pipeline = PipelineResource.from_settings(loaded)
    assert (pipeline.max_affected_share, pipeline.min_denominator) == (0.1, 30)
    config_file("{}\n")
    assert load_settings().max_affected_share == 0.05
