"""The analysts' database: contents, documentation, and all-or-nothing replacement."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pytest

from dagster_project.publication import swap
from dagster_project.publication.publish import Publication
from dagster_project.publication.report_data import ReportDataError

from .conftest import build

PUBLISHED = {
    "indicator_values",
    "indicator_breakdowns",
    "indicator_report",
    "indicator_key_points",
    "comparators",
    "ssda903_episodes",
    "indicator_catalogue",
    "indicator_breakdown_categories",
    "code_lists",
    "publication_info",
    "publication_tables",
    "publication_columns",
}


def _read(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_mart_and_seed_is_published_in_main(publication: Publication) -> None:
    tables = {r[0] for r in _read(publication.database, "select table_name from duckdb_tables()")}
    assert tables == PUBLISHED
    assert publication.row_counts["indicator_values"] == 48
    assert publication.row_counts["ssda903_episodes"] == 2
    schemas = set(_read(publication.database, "select distinct schema_name from duckdb_tables()"))
    assert schemas == {("main",)}


def test_publication_info_and_dictionary(publication: Publication) -> None:
    info = _read(
        publication.database,
        "select run_id, la_code, source_system, latest_period_end, suppression_threshold, "
        "storage_version, period_ends from publication_info",
    )
    assert info[0][:6] == ("run-A", "310", "mosaic", dt.date(2025, 6, 30), 6, "v1.4.0")
    assert info[0][6].split(",")[0] == "2023-09-30"
    tables = dict(
        _read(publication.database, "select table_name, row_count from publication_tables")
    )
    assert tables["indicator_values"] == 48 and tables["comparators"] == 16
    columns = _read(
        publication.database,
        "select data_type, description from publication_columns "
        "where table_name = 'indicator_values' and column_name = 'numerator'",
    )
    assert columns == [("BIGINT", "Children counted in the numerator.")]


def test_comments_come_from_the_dbt_descriptions(publication: Publication) -> None:
    comment = _read(
        publication.database,
        "select comment from duckdb_tables() where table_name = 'indicator_values'",
    )
    assert comment == [("One row per indicator and period end.",)]
    column = _read(
        publication.database,
        "select comment from duckdb_columns() where table_name = 'ssda903_episodes' "
        "and column_name = 'CHILD'",
    )
    assert column == [("Child's 903 identifier.",)]


def test_warehouse_comment_is_the_fallback(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse" / "cla.duckdb"
    from .fixtures import make_warehouse

    make_warehouse(warehouse)
    con = duckdb.connect(str(warehouse))
    con.execute("comment on table marts.comparators is 'DfE comparators, persisted by dbt.'")
    con.close()
    from dagster_project.publication.database import Descriptions, RunInfo
    from dagster_project.publication.publish import publish

    published = publish(
        warehouse, tmp_path / "publish", RunInfo("r", "mosaic", "310", 6), Descriptions()
    )
    assert _read(
        published.database, "select comment from duckdb_tables() where table_name = 'comparators'"
    ) == [("DfE comparators, persisted by dbt.",)]


def test_a_failed_report_leaves_the_previous_publication_byte_for_byte(tmp_path: Path) -> None:
    first = build(tmp_path, "A", "run-A")
    before = _snapshot(first.database.parent)
    warehouse = tmp_path / "warehouse" / "cla.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("drop table marts.indicator_report")
    con.close()
    from dagster_project.publication.database import Descriptions, RunInfo
    from dagster_project.publication.publish import publish

    with pytest.raises(ReportDataError, match="indicator_report"):
        publish(
            warehouse, first.database.parent, RunInfo("run-B", "mosaic", "310", 6), Descriptions()
        )
    assert _snapshot(first.database.parent) == before
    # nothing half-built is left: run-B's staging folder holds no database or report
    staged = first.database.parent / ".staging" / "run-B"
    assert not staged.exists() or list(staged.iterdir()) == []
    assert len(list((first.database.parent / ".releases").iterdir())) == 1


def test_a_dead_run_s_temporary_files_are_cleared(tmp_path: Path) -> None:
    publish_dir = tmp_path / "publish"
    (publish_dir / ".report.deadbeef.tmp").mkdir(parents=True)
    (publish_dir / ".cla_marts.deadbeef.tmp.duckdb").write_bytes(b"half a file")
    (publish_dir / ".staging" / "dead-run" / "quality").mkdir(parents=True)
    build(tmp_path)
    assert sorted(p.name for p in publish_dir.iterdir()) == [
        ".releases",
        ".staging",
        "cla_marts.duckdb",
        "current",
        "dbt_docs",
        "quality",
        "report",
    ]
    assert list((publish_dir / ".staging").iterdir()) == []


@pytest.mark.parametrize("exchange", [True, False])
def test_folder_swap_with_and_without_renameat2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    target, new = tmp_path / "report", tmp_path / ".report.x.tmp"
    target.mkdir()
    (target / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")
    swap.replace_folder(new, target)
    assert [p.name for p in target.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_data_dictionary_page_from_the_published_file(publication: Publication) -> None:
    from dagster_project.publication.dictionary import from_database

    page = from_database(publication.database)
    assert "## `indicator_values`\n\nOne row per indicator and period end." in page
    assert "| `numerator` | BIGINT | Children counted in the numerator. |" in page
    assert "## `publication_info`" in page and "## `ssda903_episodes`" in page


def test_data_dictionary_page_from_the_dbt_manifest() -> None:
    from dagster_project.publication.dictionary import from_manifest
    from dagster_project.transform.project import ensure_manifest

    page = from_manifest(ensure_manifest())
    assert "## `code_lists`\n\nSSDA903 code lists" in page  # a seed in reference_codes
    assert "| `code` |  | A valid code, upper case. |" in page
    assert page.rstrip().endswith("| `description` |  | What the column holds. |")
