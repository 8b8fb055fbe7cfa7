"""Tell someone: an e-mail and/or a Teams or Slack message when a run fails, or when it ran
on a stale Mosaic extract (config/pipeline.yaml `alerts:`; docs/operations.md).

An alert carries the run id, the job, what started it, the names of the failed steps and
checks, and a link to the run in the Dagster UI: never an error message, a value, a row or a
child's ID (a database error can quote a value from the data, so error text stays in the
run log and the UI, behind the council's access controls).

Who sends it, exactly once per run:
- runs started by the Dagster daemon (schedule, sensor, UI): the run-status sensors below;
- `cla run --alert` (cron without the daemon): the command itself, after the run. It tags its
  run `cla/alerts=cli`, and the sensors skip runs so tagged, so a site that runs both the
  daemon and cron never gets two messages for one run. Without `--alert` a failed `cla run`
  is recorded in the instance like any run, and the daemon's sensor alerts for it when the
  daemon is running. `cla demo` tags its runs `cla/alerts=off`.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import dagster as dg

from dagster_project.config_schema import AlertsConfig, EmailConfig, WebhookConfig
from dagster_project.operations.freshness import FRESHNESS_CHECK

ALERTS_TAG = "cla/alerts"  # "cli": the cla command alerts for this run; "off": nobody does
TRIGGER_TAG = "cla/trigger"
FAILED, STALE = "run failed", "stale extract"


class AlertDeliveryError(Exception):
    """No configured channel took the alert (each channel's problem is named)."""


@dataclass(frozen=True)
class Alert:
    kind: str  # FAILED or STALE
    run_id: str
    job_name: str
    started_by: str
    link: str
    failed_steps: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    stale: str = ""  # the freshness check's own words: extract folder name and age

    @property
    def subject(self) -> str:
        if self.kind == STALE:
            return f"CLA pipeline: the Mosaic extract is stale (run {self.run_id[:8]})"
        return f"CLA pipeline: run {self.run_id[:8]} of {self.job_name} FAILED"

    def text(self) -> str:
        lines = [self.subject, ""]
        if self.kind == FAILED:
            lines.append("The run failed; the previous publication is unchanged.")
        else:
            lines.append("The run published, but from an old extract: " + self.stale)
        lines += [
            "",
            f"run id:     {self.run_id}",
            f"job:        {self.job_name}",
            f"started by: {self.started_by}",
        ]
        if self.failed_steps:
            lines.append(f"failed steps:  {', '.join(self.failed_steps)}")
        if self.failed_checks:
            lines.append(f"failed checks: {', '.join(self.failed_checks)}")
        lines += [
            "",
            f"Details (events, the failing check's findings): {self.link}",
            "The run log and quality/findings.csv say which file, row and field.",
        ]
        return "\n".join(lines)


def run_link(dagster_url: str, run_id: str) -> str:
    return f"{dagster_url.rstrip('/')}/runs/{run_id}"


def started_by(run: dg.DagsterRun) -> str:
    tags = run.tags
    if TRIGGER_TAG in tags:
        return tags[TRIGGER_TAG]
    if "dagster/schedule_name" in tags:
        return f"schedule {tags['dagster/schedule_name']}"
    if "dagster/sensor_name" in tags:
        return f"sensor {tags['dagster/sensor_name']}"
    return "Dagster UI"


def alert_for_run(
    instance: dg.DagsterInstance, run: dg.DagsterRun, kind: str, dagster_url: str
) -> Alert:
    """What went wrong in `run`, by name only, from its stored events."""
    failed_steps: list[str] = []
    failed_checks: list[str] = []
    stale = ""
    records = instance.get_records_for_run(
        run.run_id,
        of_type={dg.DagsterEventType.STEP_FAILURE, dg.DagsterEventType.ASSET_CHECK_EVALUATION},
    ).records
    for record in records:
        event = record.event_log_entry.dagster_event
        if event is None:
            continue
        if event.event_type == dg.DagsterEventType.STEP_FAILURE and event.step_key:
            if event.step_key not in failed_steps:
                failed_steps.append(event.step_key)
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.asset_check_evaluation_data
            if evaluation.passed:
                continue
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            if evaluation.check_name == FRESHNESS_CHECK:
                stale = evaluation.description or "newest extract older than the limit"
            if kind == FAILED and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                failed_checks.append(name)
    return Alert(
        kind=kind,
        run_id=run.run_id,
        job_name=run.job_name,
        started_by=started_by(run),
        link=run_link(dagster_url, run.run_id),
        failed_steps=failed_steps,
        failed_checks=failed_checks,
        stale=stale,
    )


def run_was_stale(instance: dg.DagsterInstance, run_id: str) -> bool:
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    return any(
        r.event_log_entry.dagster_event is not None
        and r.event_log_entry.dagster_event.asset_check_evaluation_data.check_name
        == FRESHNESS_CHECK
        and not r.event_log_entry.dagster_event.asset_check_evaluation_data.passed
        for r in records
    )


# --- channels -----------------------------------------------------------------------------


def send_email(config: EmailConfig, alert: Alert) -> None:
    message = EmailMessage()
    message["Subject"] = alert.subject
    message["From"] = config.sender
    message["To"] = ", ".join(config.to)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=config.sender.rsplit("@", 1)[-1])
    message.set_content(alert.text())
    context = ssl.create_default_context()
    if config.smtp_port == 465:  # implicit TLS (SMTPS)
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            config.smtp_host, config.smtp_port, timeout=config.timeout_seconds, context=context
        )
    else:
        smtp = smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=config.timeout_seconds)
    with smtp:
        if config.starttls and config.smtp_port != 465:
            smtp.starttls(context=context)
        if config.username:
            smtp.login(config.username, config.password)
        smtp.send_message(message)


def webhook_payload(config: WebhookConfig, alert: Alert) -> dict[str, object]:
    """Slack: a text message. Teams: an Adaptive Card, the format Teams Workflows accept."""
    if config.format == "slack":
        return {"text": alert.text()}
    body: list[dict[str, object]] = [
        {"type": "TextBlock", "text": alert.subject, "weight": "Bolder", "wrap": True},
        {"type": "TextBlock", "text": alert.text().split("\n", 2)[2], "wrap": True},
    ]
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.2",
                    "body": body,
                    "actions": [
                        {"type": "Action.OpenUrl", "title": "Open the run", "url": alert.link}
                    ],
                },
            }
        ],
    }


def post_webhook(config: WebhookConfig, alert: Alert, timeout: float = 30) -> None:
    import httpx  # here: every run loads this module, few send a webhook (0.12 s of import)

    response = httpx.post(config.url, json=webhook_payload(config, alert), timeout=timeout)
    response.raise_for_status()


def send_alert(config: AlertsConfig, alert: Alert) -> list[str]:
    """Send through every configured channel; return what was delivered. Raise
    `AlertDeliveryError` when a channel failed (after trying the others)."""
    delivered: list[str] = []
    problems: list[str] = []
    if config.email.enabled:
        try:
            send_email(config.email, alert)
            delivered.append(f"e-mail to {', '.join(config.email.to)}")
        except (OSError, smtplib.SMTPException) as exc:
            problems.append(f"e-mail via {config.email.smtp_host}:{config.email.smtp_port}: {exc}")
    if config.webhook.enabled:
        import httpx

        try:
            post_webhook(config.webhook, alert)
            delivered.append(f"{config.webhook.format} webhook")
        except httpx.HTTPError as exc:
            # the URL holds a secret token: name the channel, not the URL
            problems.append(f"{config.webhook.format} webhook: {type(exc).__name__}")
    if problems:
        raise AlertDeliveryError(
            "; ".join(problems) + (f" (delivered: {', '.join(delivered)})" if delivered else "")
        )
    return delivered


# --- the sensors (runs started by the daemon or the UI) -----------------------------------


def _skip_reason(run: dg.DagsterRun, config: AlertsConfig) -> str | None:
    if run.tags.get(ALERTS_TAG) == "cli":
        return f"run {run.run_id[:8]}: the cla command alerts for its own runs"
    if run.tags.get(ALERTS_TAG) == "off":
        return f"run {run.run_id[:8]}: alerts off for this run"
    if not config.enabled:
        return "no alert channel configured (alerts: in config/pipeline.yaml)"
    return None


def alert_sensors(config: AlertsConfig, interval_seconds: int = 30) -> list[dg.SensorDefinition]:
    @dg.run_failure_sensor(
        name="alert_on_run_failure",
        monitor_all_code_locations=True,  # also `cla run`'s runs, which have no code location
        minimum_interval_seconds=interval_seconds,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="E-mail / Teams / Slack when a run fails (alerts: in config/pipeline.yaml).",
    )
    def alert_on_run_failure(context: dg.RunFailureSensorContext) -> dg.SkipReason | None:
        run = context.dagster_run
        reason = _skip_reason(run, config)
        if reason:
            return dg.SkipReason(reason)
        alert = alert_for_run(context.instance, run, FAILED, config.dagster_url)
        delivered = send_alert(config, alert)
        context.log.info(f"alert for failed run {run.run_id} sent: {', '.join(delivered)}")
        return None

    @dg.run_status_sensor(
        run_status=dg.DagsterRunStatus.SUCCESS,
        name="alert_on_stale_extract",
        monitor_all_code_locations=True,
        minimum_interval_seconds=interval_seconds,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="E-mail / Teams / Slack when a run published from a stale Mosaic extract.",
    )
    def alert_on_stale_extract(context: dg.RunStatusSensorContext) -> dg.SkipReason | None:
        run = context.dagster_run
        reason = _skip_reason(run, config)
        if reason:
            return dg.SkipReason(reason)
        if not run_was_stale(context.instance, run.run_id):
            return dg.SkipReason(f"run {run.run_id[:8]}: extract fresh")
        alert = alert_for_run(context.instance, run, STALE, config.dagster_url)
        delivered = send_alert(config, alert)
        context.log.info(f"stale-extract alert for run {run.run_id} sent: {', '.join(delivered)}")
        return None

    return [alert_on_run_failure, alert_on_stale_extract]


def alert_after_cli_run(
    config: AlertsConfig, instance: dg.DagsterInstance, run_id: str, failed: bool
) -> tuple[str | None, str | None]:
    """`cla run --alert`: the alert for a run that failed (`failed`: as `cla run` judged it,
    its exit status) or used a stale extract.

    Returns (what was sent, what went wrong); (None, None) when there was nothing to send.
    """
    run = instance.get_run_by_id(run_id)
    if run is None or not config.enabled:
        return None, None
    if failed or run.status == dg.DagsterRunStatus.FAILURE:
        kind = FAILED
    elif run_was_stale(instance, run_id):
        kind = STALE
    else:
        return None, None
    alert = alert_for_run(instance, run, kind, config.dagster_url)
    try:
        return f"alert ({kind}) sent: {', '.join(send_alert(config, alert))}", None
    except AlertDeliveryError as exc:
        return None, f"alert ({kind}) NOT delivered: {exc}"
