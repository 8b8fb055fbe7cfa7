"""`process.end`: a process's exit handlers run and its output arrives, without teardown."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import atexit, sys, tempfile, threading, time
    from pathlib import Path
    from dagster_project import process

    out = Path(sys.argv[1])
    kept = tempfile.TemporaryDirectory(dir=out)  # removed by its finalizer at exit
    (Path(kept.name) / "rows.csv").write_text("synthetic")
    atexit.register(lambda: (out / "handler_ran").write_text("yes"))
    if sys.argv[2] == "thread":
        def late():
            time.sleep(0.5)
            (out / "thread_finished").write_text("yes")
        threading.Thread(target=late).start()
    print("buffered line, not yet flushed", end="")
    sys.stderr.write("to stderr")
    process.end(3)
    """
)


def _end(tmp_path: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), mode],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )


def test_exit_handlers_run_and_output_arrives(tmp_path: Path) -> None:
    done = _end(tmp_path, "plain")
    assert done.returncode == 3
    assert done.stdout == "buffered line, not yet flushed"
    assert done.stderr == "to stderr"
    assert (tmp_path / "handler_ran").read_text() == "yes"
    # the temporary folder (and the file in it) is gone: only the handler's file is left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handler_ran"]


def test_a_running_thread_is_waited_for(tmp_path: Path) -> None:
    done = _end(tmp_path, "thread")
    assert done.returncode == 3
    assert (tmp_path / "thread_finished").read_text() == "yes"
    assert (tmp_path / "handler_ran").read_text() == "yes"
    assert done.stdout == "buffered line, not yet flushed"


def test_start_sets_the_thresholds() -> None:
    script = (
        "import gc; from dagster_project import process; process.start(); print(gc.get_threshold())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
        check=True,
    )
    assert done.stdout.strip() == "(50000, 20, 100)"
