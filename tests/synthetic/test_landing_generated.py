"""What the generator writes lands into raw as it is: every file accepted, no row quarantined."""

from __future__ import annotations

from pathlib import Path

from dagster_project.landing.loader import land_source
from dagster_project.warehouse import connect

from .conftest import SmallLA


def test_both_forms_land_without_rejections(small_la: SmallLA, tmp_path: Path) -> None:
    with connect(tmp_path / "cla.duckdb") as con:
        mosaic = land_source(con, "mosaic", small_la.root / "mosaic")
        ssda903 = land_source(con, "ssda903", small_la.root / "ssda903")
        assert not mosaic.rejected and not ssda903.rejected
        assert mosaic.by_status() == {"loaded": 8}
        assert ssda903.by_status() == {"loaded": 7 * len(small_la.years())}
        quarantined = con.execute("select count(*) from raw.quarantine").fetchone()[0]
        assert quarantined == 0
        persons = con.execute("select count(*) from raw.mosaic_persons").fetchone()[0]
        assert persons == small_la.report.children
        episodes = con.execute("select count(*) from raw.ssda903_episodes").fetchone()[0]
        assert episodes == small_la.report.rows["ssda903/episodes"]
