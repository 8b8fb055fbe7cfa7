"""Open the report in real headless Chromium and check what a Panel member would see.

Drives Chromium over the DevTools protocol (a websocket on localhost, no network): loads
the file, collects console errors and uncaught exceptions, counts the KPI rows and the
rendered charts, checks nothing was fetched from outside the file, that nothing overflows
horizontally (the page, any table, any cell) on a 1280 px screen and in print layout on
A4's text column (186 mm = 703 px), that no two labels of a chart overlap, prints it to
A4 PDF and takes a screenshot. `python -m dagster_project.publication.browser_check REPORT.html`
(or `make browser-check`) exits non-zero when any check fails.
"""

from __future__ import annotations

import argparse
import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
)
PAGE_PROBE = """JSON.stringify({
  title: document.title,
  kpiRows: document.querySelectorAll('table.kpi tbody tr[data-indicator]').length,
  charts: Array.from(document.querySelectorAll('svg.chart')).map(s => {
    const r = s.getBoundingClientRect();
    return {w: r.width, h: r.height, marks: s.querySelectorAll('polyline, circle, rect').length};
  }),
  trendCharts: document.querySelectorAll('svg.chart.trend').length,
  resources: performance.getEntriesByType('resource').map(e => e.name),
  scripts: document.scripts.length
})"""


# Horizontal overflow: the page, each table against its container, each cell's content
# against the cell (a number too wide for its column spills into the next one).
OVERFLOW_PROBE = """JSON.stringify((() => {
  const root = document.documentElement;
  const out = [];
  if (root.scrollWidth > root.clientWidth + 1) out.push('page ' + root.scrollWidth + 'px wide');
  document.querySelectorAll('table').forEach((t, i) => {
    const box = t.getBoundingClientRect(), host = t.parentElement.getBoundingClientRect();
    if (box.right > host.right + 1 || t.scrollWidth > t.parentElement.clientWidth + 1)
      out.push('table ' + (t.className || i) + ' ' + Math.round(box.width) + 'px in '
               + Math.round(host.width) + 'px');
    t.querySelectorAll('td, th').forEach(c => {
      if (c.scrollWidth > c.clientWidth + 1)
        out.push('cell of table ' + (t.className || i) + ' row '
                 + (c.parentElement.dataset.indicator || c.parentElement.rowIndex)
                 + ' overflows by ' + (c.scrollWidth - c.clientWidth) + 'px');
    });
  });
  return out;
})())"""
# Chart labels: the boxes of every text element of each chart, pairwise.
OVERLAP_PROBE = """JSON.stringify((() => {
  const out = [];
  document.querySelectorAll('svg.chart').forEach((svg, n) => {
    const boxes = Array.from(svg.querySelectorAll('text')).map(t => [t.textContent,
      t.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 0.5 && h > 0.5)
        out.push('chart ' + (n + 1) + ' (' + (svg.getAttribute('aria-label') || '')
                 + '): "' + boxes[i][0] + '" overlaps "' + boxes[j][0] + '"');
    }
  });
  return out;
})())"""
PRINT_WIDTH_PX = 703  # A4 (210 mm) less the report's 12 mm margins, at 96 px per inch

# A PDF page's size in points; A4 is 595.3 x 841.9 (Chromium writes e.g. 595.92 841.92).
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


def _is_a4(size: tuple[bytes, bytes]) -> bool:
    width, height = (float(v) for v in size)
    return abs(width - 595.3) < 2 and abs(height - 841.9) < 2


class BrowserUnavailable(RuntimeError):
    """No Chromium on this machine: install Debian's `chromium` package."""


@dataclass
class BrowserReport:
    title: str = ""
    console_errors: list[str] = field(default_factory=list)
    kpi_rows: int = 0
    charts: list[dict[str, float]] = field(default_factory=list)
    trend_charts: int = 0
    external_resources: list[str] = field(default_factory=list)
    scripts: int = 0
    pdf_pages: int = 0
    pdf_sizes: list[tuple[bytes, bytes]] = field(default_factory=list)
    screenshot: Path | None = None
    overflow_screen: list[str] = field(default_factory=list)
    overflow_print: list[str] = field(default_factory=list)
    label_overlaps: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        found = [f"console: {e}" for e in self.console_errors]
        found += [f"overflow on screen: {o}" for o in self.overflow_screen]
        found += [f"overflow in print (A4): {o}" for o in self.overflow_print]
        found += [f"label overlap: {o}" for o in self.label_overlaps]
        if self.kpi_rows == 0:
            found.append("the KPI table has no rows")
        if not self.charts:
            found.append("no chart rendered")
        found += [
            f"chart {i + 1} is empty ({c['w']:.0f}x{c['h']:.0f}, {c['marks']} marks)"
            for i, c in enumerate(self.charts)
            if c["w"] <= 0 or c["h"] <= 0 or c["marks"] == 0
        ]
        found += [f"fetched from outside the file: {r}" for r in self.external_resources]
        if self.scripts:
            found.append(f"{self.scripts} script element(s): the report must need no JavaScript")
        if self.pdf_pages < 1:
            found.append("printing to A4 PDF produced no page")
        if any(not _is_a4(size) for size in self.pdf_sizes):
            found.append(f"printed page sizes are not A4: {self.pdf_sizes}")
        return found


def find_chromium() -> str:
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise BrowserUnavailable(
        "Chromium not found: `apt-get install -y chromium` (Debian) gives /usr/bin/chromium"
    )


class _Session:
    """A minimal DevTools client over one page (flattened target session)."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.session_id: str | None = None
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict | None = None, timeout: float = 60) -> dict:
        message_id = next(self.ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if self.session_id and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session_id
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(deadline - time.monotonic(), 0.1)))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> None:
        if any(e.get("method") == method for e in self.events):
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = json.loads(self.ws.recv(timeout=max(deadline - time.monotonic(), 0.1)))
            self.events.append(event)
            if event.get("method") == method:
                return
        raise TimeoutError(f"no {method} within {timeout} s")


def _console_errors(events: list[dict[str, Any]]) -> list[str]:
    errors = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(
                " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            )
        elif method == "Runtime.exceptionThrown":
            errors.append(params.get("exceptionDetails", {}).get("text", "exception"))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append(params["entry"].get("text", "error"))
    return errors


def _evaluate(session: _Session, expression: str) -> Any:
    reply = session.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
    return json.loads(reply["result"]["value"])


def check_report(
    html: Path, screenshot: Path | None = None, width: int = 1280, height: int = 1400
) -> BrowserReport:
    """Load `html` in headless Chromium and report what it saw."""
    chromium = find_chromium()
    profile = Path(tempfile.mkdtemp(prefix="cla-chromium-"))
    process = subprocess.Popen(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if process.poll() is not None or time.monotonic() > deadline:
                raise BrowserUnavailable(f"Chromium did not start ({chromium})")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        with connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=20) as ws:
            session = _Session(ws)
            target = session.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session.session_id = session.send(
                "Target.attachToTarget", {"targetId": target, "flatten": True}
            )["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                session.send(f"{domain}.enable")
            session.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            session.send("Page.navigate", {"url": html.resolve().as_uri()})
            session.wait_for("Page.loadEventFired")
            probe = json.loads(
                session.send("Runtime.evaluate", {"expression": PAGE_PROBE, "returnByValue": True})[
                    "result"
                ]["value"]
            )
            report = BrowserReport(
                title=probe["title"],
                kpi_rows=probe["kpiRows"],
                charts=probe["charts"],
                trend_charts=probe["trendCharts"],
                external_resources=[
                    r for r in probe["resources"] if not r.startswith(("file:", "data:"))
                ],
                scripts=probe["scripts"],
            )
            report.overflow_screen = _evaluate(session, OVERFLOW_PROBE)
            report.label_overlaps = _evaluate(session, OVERLAP_PROBE)
            if screenshot is not None:
                shot = session.send("Page.captureScreenshot", {"format": "png"})
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                screenshot.write_bytes(base64.b64decode(shot["data"]))
                report.screenshot = screenshot
            # the print layout, on A4's text column: the @media print rules apply
            session.send("Emulation.setEmulatedMedia", {"media": "print"})
            session.send(
                "Emulation.setDeviceMetricsOverride",
                {
                    "width": PRINT_WIDTH_PX,
                    "height": height,
                    "deviceScaleFactor": 1,
                    "mobile": False,
                },
            )
            report.overflow_print = _evaluate(session, OVERFLOW_PROBE)
            report.label_overlaps += [f"(print) {o}" for o in _evaluate(session, OVERLAP_PROBE)]
            session.send("Emulation.setEmulatedMedia", {"media": ""})
            pdf = base64.b64decode(
                session.send(
                    "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}
                )["data"]
            )
            report.pdf_pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            report.pdf_sizes = sorted(set(MEDIA_BOX.findall(pdf)))
            report.console_errors = _console_errors(session.events)
            session.send("Browser.close")
        return report
    finally:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the report's HTML file")
    parser.add_argument("--screenshot", type=Path, help="write a PNG of the first screen here")
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"browser-check: no such file: {args.html}", file=sys.stderr)
        return 2
    report = check_report(args.html, args.screenshot)
    problems = report.problems()
    print(
        f"{args.html}: {report.kpi_rows} KPI rows, {len(report.charts)} charts "
        f"({report.trend_charts} trends), {report.pdf_pages} A4 pages, "
        f"{len(report.console_errors)} console errors"
        + (f", screenshot {report.screenshot}" if report.screenshot else "")
    )
    for problem in problems:
        print(f"  FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
