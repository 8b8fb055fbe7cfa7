"""Alerts: one message per failed run, by e-mail (a real SMTP server on loopback) and webhook
(a real HTTP server), with names and a link only, never a value from the data.

The pipeline runs for real (a Mosaic extract whose persons.csv lacks a required column fails
at landing) in a real instance configured by deploy/dagster.yaml; the sensors are ticked as
the daemon ticks them, with the cursor each tick leaves.
"""

from __future__ import annotations

import os
import ssl
import time
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.cli import main
from dagster_project.config_schema import EmailConfig
from dagster_project.definitions import PIPELINE_JOB, build_definitions
from dagster_project.operations.alerts import Alert, AlertDeliveryError, send_alert, send_email
from dagster_project.operations.instance import pipeline_instance
from dagster_project.resources import PipelineResource
from dagster_project.runner import run_pipeline
from dagster_project.settings import Settings, load_settings, settings

from .servers import self_signed_certificate, smtp_server, webhook_server

# Invented values, distinctive enough to find if they ever leaked into an alert.
PERSON_ID, DOB = "7001234", "17/09/2013"
GOOD_PERSONS = f"PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY\n{PERSON_ID},F,{DOB},WBRI\n"
BAD_PERSONS = f"PERSON_ID,GENDER,ETHNICITY\n{PERSON_ID},F,WBRI\n"  # no DATE_OF_BIRTH
OTHER_FILES = {
    "periods_of_care.csv": "PERIOD_OF_CARE_ID,PERSON_ID,START_DATE,END_DATE,CATEGORY_OF_NEED,"
    f"REASON_ENDED,HOME_POSTCODE\n10,{PERSON_ID},01/04/2024,,N1,,HA1 1AA\n",
    "legal_statuses.csv": "LEGAL_STATUS_ID,PERSON_ID,LEGAL_STATUS,START_DATE,END_DATE\n"
    f"20,{PERSON_ID},C2,01/04/2024,\n",
    "placements.csv": "PLACEMENT_ID,PERSON_ID,PERIOD_OF_CARE_ID,START_DATE,END_DATE,"
    "PLACEMENT_TYPE,PLACEMENT_PROVIDER,CARER_ID,PLACEMENT_POSTCODE\n"
    f"30,{PERSON_ID},10,01/04/2024,,U4,PR1,C9,HA2 0AA\n",
}


def write_extract(root: Path, persons: str, age_days: float = 0) -> Path:
    folder = root / "mosaic" / "2026-11-30"
    folder.mkdir(parents=True, exist_ok=True)
    then = time.time() - age_days * 86400
    for name, text in {"persons.csv": persons, **OTHER_FILES}.items():
        (folder / name).write_text(text)
        os.utime(folder / name, (then, then))
    return root / "mosaic"


@pytest.fixture
def configure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write config/pipeline.yaml's alerts section for the local servers; load it."""
    monkeypatch.setenv("CLA_HOME", str(tmp_path / "home"))
    for name in ("CLA_SMTP_HOST", "CLA_SMTP_PORT", "CLA_SMTP_PASSWORD", "CLA_ALERT_WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)

    def write(alerts_yaml: str, extra: str = "") -> Settings:
        path = tmp_path / "pipeline.yaml"
        path.write_text(f"alerts:\n{alerts_yaml}\n{extra}", encoding="utf-8")
        monkeypatch.setenv("CLA_CONFIG", str(path))
        settings.cache_clear()
        return load_settings()

    yield write
    settings.cache_clear()


def email_yaml(port: int, starttls: bool = False) -> str:
    return (
        "  dagster_url: https://cla-dagster.council.example/\n"
        "  email:\n"
        f"    smtp_host: 127.0.0.1\n    smtp_port: {port}\n    starttls: {str(starttls).lower()}\n"
        "    from: cla-pipeline@council.example\n"
        "    to: [bi-team@council.example, duty-engineer@council.example]\n"
    )


def pipeline_for(mosaic: Path, tmp_path: Path) -> PipelineResource:
    return PipelineResource(
        la_code="310",
        source_system="mosaic",
        mosaic_dir=str(mosaic),
        publish_dir=str(tmp_path / "publish"),
    )


class Sensor:
    """A sensor of the code location, ticked like the daemon ticks it."""

    def __init__(self, config: Settings, name: str, instance: dg.DagsterInstance) -> None:
        self.definition = build_definitions(config=config).resolve_sensor_def(name)
        self.instance = instance
        self.cursor: str | None = None

    def tick(self) -> None:
        context = dg.build_sensor_context(instance=self.instance, cursor=self.cursor)
        result = self.definition.evaluate_tick(context)
        self.cursor = result.cursor
        for reaction in result.dagster_run_reactions or []:
            assert reaction.error is None, reaction.error


def assert_no_data(text: str) -> None:
    for value in (PERSON_ID, DOB, "HA1 1AA", "WBRI", "missing required column"):
        assert value not in text


@pytest.mark.slow
def test_a_failed_run_sends_one_email_and_one_webhook_message(
    configure, project_instance: dg.DagsterInstance, tmp_path: Path
) -> None:
    with smtp_server() as (mailbox, port), webhook_server() as hook:
        config = configure(email_yaml(port) + f"  webhook: {{url: '{hook.url}', format: teams}}\n")
        sensor = Sensor(config, "alert_on_run_failure", project_instance)
        sensor.tick()  # the daemon's first tick starts from now: earlier runs are not alerted
        mosaic = write_extract(tmp_path / "landing", BAD_PERSONS)
        outcome = run_pipeline(
            pipeline_for(mosaic, tmp_path),
            tmp_path / "w" / "cla.duckdb",
            config=config,
            instance=project_instance,
        )
        assert not outcome.success
        sensor.tick()
        sensor.tick()  # and again: the same failure is not alerted twice
        assert len(mailbox.messages) == 1 and len(hook.posts) == 1

        (message,) = mailbox.messages
        assert mailbox.envelopes == [
            (
                "cla-pipeline@council.example",
                ["bi-team@council.example", "duty-engineer@council.example"],
            )
        ]
        assert message["Subject"] == (
            f"CLA pipeline: run {outcome.run_id[:8]} of cla_pipeline FAILED"
        )
        body = message.get_content()
        assert f"run id:     {outcome.run_id}" in body
        assert "job:        cla_pipeline" in body
        assert "failed steps:  land_mosaic" in body
        assert "failed checks: mosaic/persons:files_accepted" in body
        assert f"https://cla-dagster.council.example/runs/{outcome.run_id}" in body
        assert_no_data(body)

        path, content_type, payload = hook.posts[0]
        assert path == "/hook/secret-token" and content_type == "application/json"
        card = payload["attachments"][0]
        assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
        texts = " ".join(block["text"] for block in card["content"]["body"])
        assert "mosaic/persons:files_accepted" in texts
        assert card["content"]["actions"][0]["url"].endswith(f"/runs/{outcome.run_id}")
        assert_no_data(str(payload))

        # a successful run of the same job on the same instance alerts nobody (its landing
        # steps only: the sensor reads the run's status, whatever the run selected)
        mosaic = write_extract(tmp_path / "landing2", GOOD_PERSONS)
        defs = build_definitions(
            pipeline=pipeline_for(mosaic, tmp_path / "ok"),
            warehouse_path=str(tmp_path / "w2" / "cla.duckdb"),
            config=config,
        )
        keys = [k for k in defs.resolve_asset_graph().get_all_asset_keys() if k.path[0] == "mosaic"]
        ok = defs.resolve_job_def(PIPELINE_JOB).execute_in_process(
            instance=project_instance, asset_selection=keys
        )
        assert ok.success and ok.dagster_run.job_name == PIPELINE_JOB
        sensor.tick()
        assert len(mailbox.messages) == 1


@pytest.mark.slow
def test_cla_run_alert_sends_once_and_the_daemon_does_not_repeat_it(
    configure, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Cron without the daemon: `cla run --alert`. With the daemon too: still one e-mail."""
    with smtp_server() as (mailbox, port), webhook_server() as hook:
        config = configure(email_yaml(port) + f"  webhook: {{url: '{hook.url}', format: slack}}\n")
        with pipeline_instance(config) as instance:
            sensor = Sensor(config, "alert_on_run_failure", instance)
            sensor.tick()
            mosaic = write_extract(tmp_path / "landing", BAD_PERSONS)
            status = main(
                [
                    "run",
                    "--input",
                    str(mosaic),
                    "--source",
                    "mosaic",
                    "--alert",
                    "--output",
                    str(tmp_path / "publish"),
                ]
            )
            assert status == 1
            err = capsys.readouterr().err
            assert "alert (run failed) sent: e-mail to bi-team@council.example" in err
            assert len(mailbox.messages) == 1 and len(hook.posts) == 1
            assert hook.posts[0][2]["text"].startswith("CLA pipeline: run ")  # Slack format
            sensor.tick()
            sensor.tick()
            assert len(mailbox.messages) == 1 and len(hook.posts) == 1
            (run,) = instance.get_runs()
            assert run.tags["cla/alerts"] == "cli" and run.tags["cla/trigger"] == "cla run"


@pytest.mark.slow
def test_a_run_on_a_stale_extract_alerts_once(
    configure, project_instance: dg.DagsterInstance, tmp_path: Path
) -> None:
    """The export stopped arriving: the run may publish, but someone is told."""
    with smtp_server() as (mailbox, port):
        config = configure(email_yaml(port), extra="freshness: {max_extract_age_days: 2}\n")
        stale = Sensor(config, "alert_on_stale_extract", project_instance)
        failure = Sensor(config, "alert_on_run_failure", project_instance)
        stale.tick()
        failure.tick()
        mosaic = write_extract(tmp_path / "landing", GOOD_PERSONS, age_days=5)
        defs = build_definitions(
            pipeline=pipeline_for(mosaic, tmp_path),
            warehouse_path=str(tmp_path / "w.duckdb"),
            config=config,
        )
        # landing and its checks only: what the freshness check needs, quickly
        job = defs.resolve_implicit_global_asset_job_def()
        keys = [k for k in defs.resolve_asset_graph().get_all_asset_keys() if k.path[0] == "mosaic"]
        result = job.execute_in_process(instance=project_instance, asset_selection=keys)
        assert result.success
        for _ in range(2):
            stale.tick()
            failure.tick()
        (message,) = mailbox.messages
        assert message["Subject"] == (
            f"CLA pipeline: the Mosaic extract is stale (run {result.run_id[:8]})"
        )
        body = message.get_content()
        assert (
            "newest extract 2026-11-30 written 5.0 day(s) ago, older than the 2-day limit" in body
        )
        assert_no_data(body)


def test_starttls_and_login_against_a_real_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = self_signed_certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # our client trusts the test certificate
    alert = Alert(
        kind="run failed",
        run_id="r" * 36,
        job_name="cla_pipeline",
        started_by="schedule nightly",
        link="http://localhost:3000/runs/x",
    )
    with smtp_server(tls_context=server_tls, password="pw-123") as (mailbox, port):
        config = EmailConfig.model_validate(
            {
                "smtp_host": "localhost",
                "smtp_port": port,
                "starttls": True,
                "username": "svc-cla",
                "password": "pw-123",
                "from": "cla@council.example",
                "to": ["bi@council.example"],
            }
        )
        send_email(config, alert)
        assert mailbox.logins == ["svc-cla"] and len(mailbox.messages) == 1
        plain = config.model_copy(update={"starttls": False})
        with pytest.raises(Exception, match=r"AUTH extension not supported|STARTTLS|530"):
            send_email(plain, alert)  # no TLS, no AUTH offered: the password is never sent in clear
    assert len(mailbox.messages) == 1


def test_a_channel_that_fails_is_named_and_the_others_still_deliver(configure) -> None:
    with smtp_server() as (mailbox, port), webhook_server(status=500) as hook:
        config = configure(email_yaml(port) + f"  webhook: {{url: '{hook.url}'}}\n")
        alert = Alert(
            kind="run failed",
            run_id="r" * 36,
            job_name="cla_pipeline",
            started_by="Dagster UI",
            link="x",
        )
        with pytest.raises(AlertDeliveryError) as caught:
            send_alert(config.alerts, alert)
    assert len(mailbox.messages) == 1 and len(hook.posts) == 1
    text = str(caught.value)
    assert "teams webhook: HTTPStatusError" in text and "delivered: e-mail" in text
    assert "secret-token" not in text  # the webhook URL's token is a secret
