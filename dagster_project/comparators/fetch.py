"""Download the current DfE CLA release from explore-education-statistics (EES).

The release zip (every data file of the release, CSVs under `data/`) is what a person would
download by hand, so fetched and hand-dropped releases land the same way. Two requests of
the EES content API: the publication's latest release (its id, slug, title), then that
release's files as one zip. The zip is cached by release id, so a re-run makes one small
request and no download; the CSVs are written into `dfe/ees_<release slug>/`.

Networks fail, so: connect and read timeouts, retries with exponential backoff on time-outs,
connection errors, 429 and 5xx, and three modes, explicit in configuration:
- `offline`: never touches the network; the run uses what is already in `dfe/`.
- `auto` (default): one short TCP connect to the service decides; no network -> offline.
- `online`: fetch or fail.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CONTENT_API = "https://content.explore-education-statistics.service.gov.uk/api"
PUBLICATION_SLUG = "children-looked-after-in-england-including-adoptions"
MODES = ("auto", "online", "offline")
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RELEASE_INFO_FILE = "_release.json"


class FetchError(RuntimeError):
    """The release could not be fetched; the message names the URL and the last problem."""


@dataclass(frozen=True)
class FetchSettings:
    """How to reach EES and how patient to be."""

    cache_dir: Path
    mode: str = "auto"
    base_url: str = CONTENT_API
    publication_slug: str = PUBLICATION_SLUG
    connect_timeout: float = 5.0
    read_timeout: float = 120.0
    retries: int = 3  # further attempts after the first
    backoff_seconds: float = 2.0  # waits 2, 4, 8 ... seconds between attempts
    probe_timeout: float = 2.0  # `auto`: how long the network check may take

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"fetch mode {self.mode!r} is not one of {', '.join(MODES)}")


@dataclass(frozen=True)
class ReleaseInfo:
    """The latest release as EES describes it."""

    release_id: str
    slug: str
    title: str
    published: str | None

    @property
    def folder_name(self) -> str:
        """Landing subfolder of this release: `ees_<slug>` (e.g. ees_2025)."""
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in self.slug or self.release_id)
        return f"ees_{safe}"


@dataclass
class FetchResult:
    """What a fetch did. `status`: downloaded, cached or offline."""

    status: str
    message: str
    release: ReleaseInfo | None = None
    release_dir: Path | None = None
    files: list[str] = field(default_factory=list)
    requests: int = 0
    present_releases: list[str] = field(default_factory=list)


def present_releases(dfe_dir: Path) -> list[str]:
    """Releases already in the landing folder: subfolders and zips (what landing would use)."""
    if not dfe_dir.is_dir():
        return []
    return sorted(
        p.name
        for p in dfe_dir.iterdir()
        if (p.is_dir() and not p.name.startswith(".")) or p.suffix.lower() == ".zip"
    )


def network_available(base_url: str, timeout: float) -> tuple[bool, str]:
    """One TCP connect to the service's host: quick, and enough to tell offline from online.

    The name lookup is not bound by a socket timeout (a broken resolver can hang for tens
    of seconds), so the whole probe runs in a thread that is given `timeout` seconds.
    """
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    outcome: list[str] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                outcome.append("")
        except OSError as exc:
            outcome.append(str(exc) or type(exc).__name__)

    thread = threading.Thread(target=probe, name="ees-network-probe", daemon=True)
    thread.start()
    thread.join(timeout)
    if outcome and not outcome[0]:
        return True, f"{host}:{port} reachable"
    reason = outcome[0] if outcome else "no answer"
    return False, f"could not connect to {host}:{port} within {timeout:g} s ({reason})"


class _Client:
    """httpx with the retry policy; counts requests so callers can report them."""

    def __init__(self, settings: FetchSettings, sleep: Callable[[float], None]):
        import httpx  # here: every run loads this module, few fetch (0.12 s of import)

        self.settings = settings
        self.sleep = sleep
        self.requests = 0
        timeout = httpx.Timeout(
            settings.read_timeout, connect=settings.connect_timeout, pool=settings.connect_timeout
        )
        self.http = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": "cla-pipeline (DfE comparators fetch)"},
        )

    def close(self) -> None:
        self.http.close()

    def _attempts(self, url: str, call: Callable[[], object]) -> object:
        import httpx  # loaded by __init__ already

        last = ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.sleep(self.settings.backoff_seconds * 2 ** (attempt - 1))
            self.requests += 1
            try:
                return call()
            except httpx.HTTPStatusError as exc:
                status = exc.response.status_code
                last = f"HTTP {status}"
                if status not in RETRY_STATUSES:
                    break
            except httpx.TimeoutException as exc:
                last = f"timed out ({type(exc).__name__})"
            except httpx.TransportError as exc:
                last = f"connection failed ({type(exc).__name__}: {exc})"
        raise FetchError(f"GET {url} failed after {self.requests} request(s): {last}")

    def get_json(self, url: str) -> dict:
        def call() -> dict:
            response = self.http.get(url, headers={"Accept": "application/json"})
            response.raise_for_status()
            return response.json()

        return self._attempts(url, call)  # type: ignore[return-value]

    def download(self, url: str, target: Path) -> None:
        """Stream `url` to `target` via a temporary file, so a broken download leaves nothing."""

        def call() -> None:
            partial = target.with_suffix(target.suffix + ".part")
            with self.http.stream("GET", url, headers={"Accept": "application/zip"}) as response:
                response.raise_for_status()
                with partial.open("wb") as handle:
                    for chunk in response.iter_bytes():
                        handle.write(chunk)
            partial.replace(target)

        self._attempts(url, call)


def _release_info(payload: dict) -> ReleaseInfo:
    release_id = str(payload.get("id") or "").strip()
    if not release_id:
        raise FetchError("the latest-release response has no release id")
    return ReleaseInfo(
        release_id=release_id,
        slug=str(payload.get("slug") or release_id),
        title=str(payload.get("title") or ""),
        published=payload.get("published"),
    )


def _valid_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def _data_members(archive: zipfile.ZipFile) -> list[str]:
    """The release's data CSVs (under data/), without metadata companions."""
    members = []
    for name in archive.namelist():
        base = name.rsplit("/", 1)[-1]
        in_data = "/data/" in f"/{name}"
        if in_data and base.lower().endswith(".csv") and not base.lower().endswith(".meta.csv"):
            members.append(name)
    return sorted(members)


def _install(zip_path: Path, release: ReleaseInfo, dfe_dir: Path, work_dir: Path) -> list[str]:
    """Write the zip's data CSVs into dfe/<ees_slug>/, replacing an earlier copy whole."""
    with zipfile.ZipFile(zip_path) as archive:
        members = _data_members(archive)
        if not members:
            raise FetchError(f"release zip {zip_path.name} holds no CSV under data/")
        staging = Path(tempfile.mkdtemp(prefix="ees_", dir=work_dir))
        try:
            for member in members:
                with (
                    archive.open(member) as source,
                    (staging / Path(member).name).open("wb") as out,
                ):
                    shutil.copyfileobj(source, out)
            info = {
                "release_id": release.release_id,
                "slug": release.slug,
                "title": release.title,
                "published": release.published,
                "fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "zip": zip_path.name,
            }
            (staging / RELEASE_INFO_FILE).write_text(json.dumps(info, indent=2), encoding="utf-8")
            target = dfe_dir / release.folder_name
            dfe_dir.mkdir(parents=True, exist_ok=True)
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(staging), str(target))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return [Path(m).name for m in members]


def fetch_release(
    settings: FetchSettings,
    dfe_dir: Path,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """Bring the latest release into `dfe_dir` (or, offline, report what is already there)."""
    dfe_dir = Path(dfe_dir)
    if settings.mode == "offline":
        return FetchResult(
            status="offline",
            message="offline mode: using the releases already in the dfe folder",
            present_releases=present_releases(dfe_dir),
        )
    if settings.mode == "auto":
        online, detail = network_available(settings.base_url, settings.probe_timeout)
        if not online:
            return FetchResult(
                status="offline",
                message=f"no network ({detail}): using the releases already in the dfe folder",
                present_releases=present_releases(dfe_dir),
            )

    base = settings.base_url.rstrip("/")
    client = _Client(settings, sleep)
    try:
        latest_url = f"{base}/publications/{settings.publication_slug}/releases/latest"
        release = _release_info(client.get_json(latest_url))
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        cached = settings.cache_dir / f"{settings.publication_slug}_{release.release_id}.zip"
        status = "cached"
        if not _valid_zip(cached):
            client.download(f"{base}/releases/{release.release_id}/files", cached)
            if not _valid_zip(cached):
                cached.unlink(missing_ok=True)
                raise FetchError(f"the download of release {release.release_id} is not a zip")
            status = "downloaded"
        files = _install(cached, release, dfe_dir, settings.cache_dir)
    finally:
        client.close()
    verb = "downloaded" if status == "downloaded" else "taken from the cache"
    return FetchResult(
        status=status,
        message=f"release {release.title or release.slug} {verb}: {len(files)} data file(s) "
        f"in {dfe_dir / release.folder_name}",
        release=release,
        release_dir=dfe_dir / release.folder_name,
        files=files,
        requests=client.requests,
        present_releases=present_releases(dfe_dir),
    )
