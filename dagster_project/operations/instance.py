"""The one Dagster instance every run is recorded in: `paths.dagster_home`.

`make dagster`, the systemd services and `cla run` / `cla demo` all use it, so the UI shows
every run whoever started it, and the run queue (one at a time) sees every run in progress.
The folder is created private (0700: run history names files and checks) and given a copy of
`deploy/dagster.yaml` when it has none, with the folder's own path written in where the
template says `@DAGSTER_HOME@` (the event storage's `base_dir`); a copy made for another path
(the folder was moved) is made again. A site that edits its copy keeps its edits (`cla config
check` says whether it differs from the template).

`python -m dagster_project.operations.instance` prepares the folder and its storage and
prints its path (`make dagster` and the systemd units run it first).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster_project.settings import REPO_ROOT, Settings, SettingsError, settings

TEMPLATE = REPO_ROOT / "deploy" / "dagster.yaml"
INSTANCE_FILE = "dagster.yaml"


PLACEHOLDER = "@DAGSTER_HOME@"


def instance_yaml(home: Path) -> str:
    """The template with the instance folder written in (as a quoted YAML string)."""
    return TEMPLATE.read_text(encoding="utf-8").replace(
        json.dumps(PLACEHOLDER), json.dumps(str(home))
    )


def _made_for_another_folder(text: str, home: Path) -> bool:
    """An unedited copy of the template made for a different path."""
    template = TEMPLATE.read_text(encoding="utf-8")
    before, _, after = template.partition(json.dumps(PLACEHOLDER))
    match = re.fullmatch(re.escape(before) + r'("(?:[^"\\]|\\.)*")' + re.escape(after), text)
    return match is not None and json.loads(match.group(1)) != str(home)


def ensure_dagster_home(config: Settings) -> Path:
    """Create the instance folder (0700) with its dagster.yaml; return its path."""
    home = Path(config.dagster_home or config.data_dir / "dagster_home")
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(home, 0o700)
    target = home / INSTANCE_FILE
    if not target.exists() or _made_for_another_folder(target.read_text(encoding="utf-8"), home):
        target.write_text(instance_yaml(home), encoding="utf-8")
        os.chmod(target, 0o600)
    return home


def instance_file_state(config: Settings) -> str:
    """Whether the instance's dagster.yaml is the project's template (for `cla config check`)."""
    home = Path(config.dagster_home or "")
    target = home / INSTANCE_FILE
    if not target.exists():
        return "not created yet: the first run or `make dagster` copies deploy/dagster.yaml"
    if target.read_text(encoding="utf-8") == instance_yaml(home):
        return "deploy/dagster.yaml"
    return "edited copy: differs from deploy/dagster.yaml"


@contextmanager
def pipeline_instance(config: Settings | None = None) -> Iterator[object]:
    """The persistent instance, opened for one use (closed afterwards)."""
    import dagster as dg

    home = ensure_dagster_home(config or settings())
    with dg.DagsterInstance.from_config(str(home)) as instance:
        yield instance


def prepare(config: Settings) -> Path:
    """The folder, its dagster.yaml and its storage (SQLite tables), ready before the
    services start: the webserver and the daemon starting together on a new folder would
    otherwise both create the tables, and one of them fail."""
    import dagster as dg

    home = ensure_dagster_home(config)
    with dg.DagsterInstance.from_config(str(home)):
        pass
    return home


def main() -> int:
    try:
        home = prepare(settings())
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    print(home)
    return 0


if __name__ == "__main__":
    sys.exit(main())
