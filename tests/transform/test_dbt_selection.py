"""dbt's steps selected from the record (transform/dbt_selection.py): a run's process loads
dagster-dbt without dbt-core, and its dbt assets, checks and result events are the same as
with dbt-core and dagster-dbt's own selection. Each side runs in an interpreter of its own,
on the session's parse copied into a folder of the test's (no record, or one of another
parse, to begin with)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from dagster_project.settings import REPO_ROOT
from dagster_project.synthetic.generator import generate
from dagster_project.transform.dbt_selection import RECORD_NAME
from dagster_project.transform.project import PARSED_FILES, target_path
from dagster_project.transform.steps import STEP_SELECTIONS

# Prints what the definitions' dbt assets are, and how this interpreter got them.
DESCRIBE = textwrap.dedent(
    """
    import json, re, sys
    if sys.argv[1] == "with-dbt-core":
        import dbt.version  # loaded first, as by a process that builds with dbt itself
    if sys.argv[1] == "needing-dbt-core":  # as a dagster-dbt would that cannot do without
        from dagster_project.transform import dbt_selection
        hidden = dbt_selection._DbtCoreHidden.find_spec
        def find_spec(self, fullname, path=None, target=None):
            if fullname == "dagster_dbt.cloud_v2":
                raise ModuleNotFoundError("No module named 'dbt'", name="dbt")
            return hidden(self, fullname, path, target)
        dbt_selection._DbtCoreHidden.find_spec = find_spec
    from datetime import UTC, datetime
    from dagster_project.transform import assets
    if sys.argv[2] == "how":  # only how it was loaded
        print(json.dumps({"without_dbt_core": assets.SELECTION.without_dbt_core}))
        sys.exit(0)
    from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

    def text(value):  # a value's text, without where an object happens to be in memory
        return re.sub(r" at 0x[0-9a-f]+", "", repr(value))

    described = []
    for definition in assets.DBT_ASSETS:
        specs = sorted(definition.specs, key=lambda s: s.key.to_user_string())
        checks = sorted(definition.check_specs, key=lambda c: c.key.to_user_string())
        described.append({
            "op": definition.op.name,
            "tags": dict(definition.op.tags),
            "specs": [
                {
                    "key": s.key.to_user_string(),
                    "deps": sorted(d.asset_key.to_user_string() for d in s.deps),
                    "group": s.group_name, "description": s.description,
                    "tags": dict(s.tags), "kinds": sorted(s.kinds), "owners": list(s.owners),
                    "code_version": s.code_version,
                    "metadata": {k: text(v) for k, v in sorted(s.metadata.items())},
                }
                for s in specs
            ],
            "checks": [
                {
                    "key": c.key.to_user_string(), "blocking": c.blocking,
                    "description": c.description,
                    "deps": sorted(d.asset_key.to_user_string() for d in c.additional_deps),
                    "metadata": {k: text(v) for k, v in sorted((c.metadata or {}).items())},
                }
                for c in checks
            ],
        })

    # every node's result event with each status dbt can give it, as the worker sends them
    manifest = json.loads(open(assets.PROJECT.manifest_path).read())
    at = datetime(2026, 3, 31, tzinfo=UTC).isoformat()
    statuses = {
        "model": ["success", "error", "skipped"], "seed": ["success", "error"],
        "test": ["pass", "fail", "warn", "error", "skipped"],
    }
    translated = []
    for unique_id, node in sorted(manifest["nodes"].items()):
        kind = node["resource_type"]
        name = {"model": "LogModelResult", "seed": "LogSeedResult"}.get(kind, "LogTestResult")
        for status in statuses.get(kind, []):
            raw = {
                "info": {"name": name, "invocation_id": "i", "msg": status, "level": "info",
                         "ts": at},
                "data": {
                    "node_info": {
                        "unique_id": unique_id, "resource_type": kind,
                        "materialized": node["config"].get("materialized", kind),
                        "node_status": status, "node_started_at": at,
                        "node_finished_at": at, "node_name": node["name"],
                    },
                    "status": status, "execution_time": 0.5, "num_failures": 2,
                },
            }
            events = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
            translated.append([
                text(e) for e in events.to_default_asset_events(
                    manifest=manifest, dagster_dbt_translator=assets.TRANSLATOR
                )
            ])
    print(json.dumps({
        "without_dbt_core": assets.SELECTION.without_dbt_core,
        "dbt_modules": sorted(m for m in sys.modules if m.split(".")[0] in ("dbt", "dbt_common")),
        "assets": described,
        "events": translated,
    }))
    """
)


def _describe(target: Path, mode: str, what: str = "all") -> dict:
    env = {**os.environ, "DBT_TARGET_PATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", DESCRIBE, mode, what],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def parse_copy(tmp_path: Path) -> Path:
    """The session's parse, in a target folder of this test's, without a record."""
    target = tmp_path / "target"
    target.mkdir()
    for name in PARSED_FILES:
        shutil.copy2(target_path() / name, target / name)
    return target


def test_the_recorded_selection_gives_the_assets_checks_and_events_of_dbt_core(
    parse_copy: Path,
) -> None:
    record = parse_copy / RECORD_NAME
    # no record: dbt-core, and dagster-dbt's own selection, which is then recorded
    own = _describe(parse_copy, "as-a-run")
    assert not own["without_dbt_core"] and own["dbt_modules"]
    kept = json.loads(record.read_text())
    assert len(kept["nodes"]) == len(STEP_SELECTIONS)
    # node names only: as readable as the manifest it was made from
    manifest_mode = (parse_copy / "manifest.json").stat().st_mode
    assert stat.S_IMODE(record.stat().st_mode) == stat.S_IMODE(manifest_mode)
    # recorded: no dbt-core module at all, and the same definitions and events
    recorded = _describe(parse_copy, "as-a-run")
    assert recorded["without_dbt_core"] and recorded["dbt_modules"] == []
    assert recorded["assets"] == own["assets"]
    assert recorded["events"] == own["events"]
    # what was compared is the whole project: both steps, every node of theirs
    ops = {a["op"]: a for a in own["assets"]}
    assert set(ops) == set(STEP_SELECTIONS)
    assert all(ops[name]["specs"] and ops[name]["checks"] for name in ops)
    assert sum(1 for e in own["events"] if e) > 500
    # dbt-core already loaded in a process: dagster-dbt uses it, the record still selects
    loaded = _describe(parse_copy, "with-dbt-core")
    assert not loaded["without_dbt_core"]
    assert loaded["assets"] == own["assets"] and loaded["events"] == own["events"]


def test_a_record_of_another_parse_or_dagster_dbt_is_not_used(parse_copy: Path) -> None:
    record = parse_copy / RECORD_NAME
    _describe(parse_copy, "as-a-run", "how")  # recorded for this parse
    kept = json.loads(record.read_text())
    for stale in (
        {**kept, "invocation_id": "another-parse"},
        {**kept, "dagster_dbt": "0.0.1"},
        {**kept, "nodes": dict(list(kept["nodes"].items())[:1])},  # a step not recorded
        {**kept, "nodes": list(kept["nodes"])},  # not a record's shape
        {key: value for key, value in kept.items() if key != "nodes"},
        [kept],
    ):
        record.write_text(json.dumps(stale))
        assert not _describe(parse_copy, "as-a-run", "how")["without_dbt_core"]
        # and recorded again, for this parse: the next process starts without dbt-core
        assert json.loads(record.read_text()) == kept
    record.write_text("{not json")
    assert not _describe(parse_copy, "as-a-run", "how")["without_dbt_core"]
    assert _describe(parse_copy, "as-a-run", "how")["without_dbt_core"]


def test_a_dagster_dbt_that_needs_dbt_core_is_imported_with_it(parse_copy: Path) -> None:
    """Should a dagster-dbt fail to import without dbt-core, the definitions load as
    before (dbt-core imported), never half-imported."""
    own = _describe(parse_copy, "as-a-run")  # recorded for this parse
    needing = _describe(parse_copy, "needing-dbt-core")
    assert not needing["without_dbt_core"] and needing["dbt_modules"]
    assert needing["assets"] == own["assets"] and needing["events"] == own["events"]


RUN = textwrap.dedent(
    """
    import json, sys
    from dagster_project.cli import main
    status = main(sys.argv[1:])
    dbt = sorted(m for m in sys.modules if m.split(".")[0] in ("dbt", "dbt_common"))
    print(json.dumps({"status": status, "dbt_modules": dbt}))
    """
)


@pytest.mark.slow
def test_a_cla_run_builds_with_dbt_while_its_own_process_loads_no_dbt_core(
    tmp_path: Path,
) -> None:
    _describe(target_path(), "as-a-run", "how")  # the session's parse recorded
    generate(tmp_path / "landing", children=40, years=3, seed=21, source="mosaic", workers=1)
    done = subprocess.run(
        [sys.executable, "-c", RUN, "run",
         "--input", str(tmp_path / "landing" / "mosaic"), "--source", "mosaic",
         "--output", str(tmp_path / "publish"),
         "--warehouse", str(tmp_path / "warehouse" / "cla.duckdb")],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    ran = json.loads(done.stdout.strip().splitlines()[-1])
    assert ran == {"status": 0, "dbt_modules": []}
    # dbt built the indicators: the published values are there
    with duckdb.connect(str(tmp_path / "publish" / "cla_marts.duckdb"), read_only=True) as con:
        values = con.execute("select count(*) from main.indicator_values").fetchone()
    assert values is not None and values[0] > 0
