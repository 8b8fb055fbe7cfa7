"""The DfE fetch against recorded EES responses served from a local HTTP server.

Nothing here reaches the network: the server runs on 127.0.0.1 in a thread and plays back
a latest-release response and a release zip written by the test, with the failures a real
service has (a slow response, a server error).
"""

from __future__ import annotations

import io
import json
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dagster_project.comparators.assets import run_fetch
from dagster_project.comparators.fetch import FetchError, FetchSettings, fetch_release
from dagster_project.resources import PipelineResource

SLUG = "children-looked-after-in-england-including-adoptions"
RELEASE_ID = "0f8c2a4e-1111-4a5b-9c3d-2025abcdef01"
LATEST = {
    "id": RELEASE_ID,
    "slug": "2025",
    "title": "Reporting year 2025",
    "published": "2025-11-20T09:30:00Z",
}
STABILITY_CSV = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,cla_group,placement_stability,children_count,"
    "children_percent\n"
    "2025,Reporting year,National,E92000001,England,,,,,,CLA on 31 March,"
    "With 3 or more placements during the year,8180,10\n"
)


def release_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data/la_cla_placement_stability.csv", STABILITY_CSV)
        archive.writestr("data/la_cla_placement_stability.meta.csv", "col_name,label\n")
        archive.writestr("supporting-files/methodology.csv", "not,data\n")
        archive.writestr("data-guidance/data-guidance.txt", "Synthetic test release.\n")
    return buffer.getvalue()


@dataclass
class Reply:
    status: int = 200
    delay: float = 0.0


@dataclass
class Recorded:
    """Per-path queue of replies (the last one repeats) and a log of requested paths."""

    script: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def next_reply(self, path: str) -> Reply:
        queue = self.script.get(path, [Reply()])
        return queue.pop(0) if len(queue) > 1 else queue[0]


def make_handler(recorded: Recorded, bodies: dict[str, tuple[str, bytes]]) -> type:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            recorded.requests.append(self.path)
            reply = recorded.next_reply(self.path)
            if reply.delay:
                time.sleep(reply.delay)
            if self.path not in bodies:
                self.send_response(404)
                self.end_headers()
                return
            content_type, body = bodies[self.path]
            if reply.status != 200:
                body, content_type = b'{"title": "Internal Server Error"}', "application/json"
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

    return Handler


@dataclass
class Service:
    base_url: str
    recorded: Recorded
    latest_path: str
    files_path: str


@pytest.fixture
def service() -> Iterator[Service]:
    recorded = Recorded()
    latest_path = f"/api/publications/{SLUG}/releases/latest"
    files_path = f"/api/releases/{RELEASE_ID}/files"
    bodies = {
        latest_path: ("application/json", json.dumps(LATEST).encode()),
        files_path: ("application/zip", release_zip()),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(recorded, bodies))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Service(
            f"http://127.0.0.1:{server.server_port}/api", recorded, latest_path, files_path
        )
    finally:
        server.shutdown()
        server.server_close()


def settings(service: Service, tmp_path: Path, **overrides: object) -> FetchSettings:
    values: dict[str, object] = {
        "cache_dir": tmp_path / "cache",
        "mode": "online",
        "base_url": service.base_url,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "retries": 2,
        "backoff_seconds": 0.01,
    }
    values.update(overrides)
    return FetchSettings(**values)  # type: ignore[arg-type]


def test_good_download_writes_the_release_folder_and_caches_the_zip(
    service: Service, tmp_path: Path
) -> None:
    dfe = tmp_path / "dfe"
    result = fetch_release(settings(service, tmp_path), dfe)
    assert result.status == "downloaded"
    assert service.recorded.requests == [service.latest_path, service.files_path]
    folder = dfe / "ees_2025"
    assert result.release_dir == folder
    assert sorted(p.name for p in folder.iterdir()) == [
        "_release.json",
        "la_cla_placement_stability.csv",
    ]
    assert (folder / "la_cla_placement_stability.csv").read_text() == STABILITY_CSV
    info = json.loads((folder / "_release.json").read_text())
    assert (info["release_id"], info["title"]) == (RELEASE_ID, "Reporting year 2025")
    assert (tmp_path / "cache" / f"{SLUG}_{RELEASE_ID}.zip").is_file()

    # the same release again: one small request, the zip comes from the cache
    again = fetch_release(settings(service, tmp_path), dfe)
    assert again.status == "cached"
    assert service.recorded.requests[2:] == [service.latest_path]
    assert (folder / "la_cla_placement_stability.csv").read_text() == STABILITY_CSV


def test_timeout_then_success_retries_with_backoff(service: Service, tmp_path: Path) -> None:
    service.recorded.script[service.files_path] = [Reply(delay=1.5), Reply()]
    waits: list[float] = []
    result = fetch_release(
        settings(service, tmp_path, read_timeout=0.5, backoff_seconds=0.25),
        tmp_path / "dfe",
        sleep=waits.append,
    )
    assert result.status == "downloaded"
    assert service.recorded.requests == [
        service.latest_path,
        service.files_path,
        service.files_path,
    ]
    assert waits == [0.25]
    assert (tmp_path / "dfe" / "ees_2025" / "la_cla_placement_stability.csv").is_file()
    assert not list((tmp_path / "cache").glob("*.part"))


def test_server_error_fails_after_the_retries_and_writes_nothing(
    service: Service, tmp_path: Path
) -> None:
    service.recorded.script[service.latest_path] = [Reply(status=500)]
    waits: list[float] = []
    with pytest.raises(FetchError) as failure:
        fetch_release(
            settings(service, tmp_path, retries=2, backoff_seconds=1.0),
            tmp_path / "dfe",
            sleep=waits.append,
        )
    message = str(failure.value)
    assert f"{service.base_url}/publications/{SLUG}/releases/latest" in message
    assert "HTTP 500" in message and "3 request(s)" in message
    assert waits == [1.0, 2.0]  # exponential backoff
    assert service.recorded.requests == [service.latest_path] * 3
    assert not (tmp_path / "dfe").exists()


def test_client_error_is_not_retried(service: Service, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_release(
            settings(service, tmp_path, publication_slug="no-such-publication"),
            tmp_path / "dfe",
            sleep=lambda _: None,
        )
    assert len(service.recorded.requests) == 1


def test_offline_mode_never_touches_the_network(service: Service, tmp_path: Path) -> None:
    dfe = tmp_path / "dfe"
    (dfe / "dfe_release_2025").mkdir(parents=True)
    result = fetch_release(settings(service, tmp_path, mode="offline"), dfe)
    assert result.status == "offline"
    assert result.present_releases == ["dfe_release_2025"]
    assert service.recorded.requests == []
    assert sorted(p.name for p in dfe.iterdir()) == ["dfe_release_2025"]


def test_auto_mode_without_a_network_goes_offline_quickly(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    result = fetch_release(
        FetchSettings(
            cache_dir=tmp_path / "cache",
            mode="auto",
            base_url=f"http://127.0.0.1:{port}/api",
            probe_timeout=1.0,
        ),
        tmp_path / "dfe",
    )
    assert result.status == "offline"
    assert "no network" in result.message
    assert time.monotonic() - started < 5


def test_the_dagster_asset_fetches_and_reports_metadata(service: Service, tmp_path: Path) -> None:
    dfe = tmp_path / "dfe"
    pipeline = PipelineResource(
        la_code="310", source_system="mosaic", dfe_dir=str(dfe), publish_dir=str(tmp_path / "pub")
    )
    config = {"mode": "online", "base_url": service.base_url, "cache_dir": str(tmp_path / "c")}
    result = run_fetch(pipeline, config)
    assert result.success
    (event,) = result.get_asset_materialization_events()
    assert event.asset_key.path == ["dfe", "release_download"]
    metadata = event.materialization.metadata
    assert metadata["status"].value == "downloaded"
    assert metadata["release_id"].value == RELEASE_ID
    assert metadata["file_names"].value == ["la_cla_placement_stability.csv"]
    assert (dfe / "ees_2025" / "la_cla_placement_stability.csv").is_file()


def test_the_dagster_asset_fails_the_run_on_a_server_error(
    service: Service, tmp_path: Path
) -> None:
    service.recorded.script[service.latest_path] = [Reply(status=503)]
    pipeline = PipelineResource(
        la_code="310",
        source_system="mosaic",
        dfe_dir=str(tmp_path / "dfe"),
        publish_dir=str(tmp_path / "pub"),
    )
    config = {
        "mode": "online",
        "base_url": service.base_url,
        "cache_dir": str(tmp_path / "c"),
        "retries": 1,
        "backoff_seconds": 0.01,
    }
    result = run_fetch(pipeline, config)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "HTTP 503" in failure.step_failure_data.error.message
