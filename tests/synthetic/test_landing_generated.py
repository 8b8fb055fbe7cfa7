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
        census = land_source(con, "cin", small_la.root / "cin")
        assert not mosaic.rejected and not ssda903.rejected and not census.rejected
        assert mosaic.by_status() == {"loaded": 14}  # 8 CLA files and 6 CIN files
        assert ssda903.by_status() == {"loaded": 7 * len(small_la.years())}
        # one XML file a census year, logged once for each of the 9 tables it fills
        census_years = small_la.report.census_years
        assert census.by_status() == {"loaded": 9 * len(census_years)}
        assert [o.message for o in census.outcomes] == [""] * 9 * len(census_years)
        quarantined = con.execute("select count(*) from raw.quarantine").fetchone()[0]
        assert quarantined == 0
        persons = con.execute("select count(*) from raw.mosaic_persons").fetchone()[0]
        assert persons == small_la.report.children + small_la.report.cin_children
        episodes = con.execute("select count(*) from raw.ssda903_episodes").fetchone()[0]
        assert episodes == small_la.report.rows["ssda903/episodes"]
        children = con.execute("select count(*) from raw.cin_children").fetchone()[0]
        assert children == small_la.report.rows["cin/children"]
        referrals = con.execute("select count(*) from raw.mosaic_referrals").fetchone()[0]
        assert referrals == small_la.report.rows["mosaic/referrals"] > small_la.report.children
