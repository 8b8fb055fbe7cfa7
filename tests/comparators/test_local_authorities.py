"""The local authority reference (seed local_authorities) and the refusal of unknown codes."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from dagster_project.cli import main
from dagster_project.reference.local_authorities import (
    UnknownLocalAuthority,
    check_la_code,
    find,
    local_authorities,
)
from dagster_project.settings import settings

FIXTURES = Path(__file__).parent / "fixtures" / "dfe_releases"


def test_every_current_upper_tier_authority_once_with_both_codes() -> None:
    current = [la for la in local_authorities() if la.runs_childrens_services and la.is_current]
    assert len(current) == 153
    assert len({la.old_la_code for la in current}) == 153
    assert all(la.old_la_code and len(la.old_la_code) == 3 for la in current)
    assert Counter(la.la_type for la in current) == {
        "unitary": 63,
        "metropolitan_district": 36,
        "london_borough": 33,
        "county": 21,
    }
    harrow = find("310")
    assert harrow is not None
    assert (harrow.la_code, harrow.la_name, harrow.region_code) == (
        "E09000015",
        "Harrow",
        "E13000002",
    )


def test_reorganisations_since_2019_have_dates_and_successors() -> None:
    abolished = {la.la_code: la for la in local_authorities() if not la.is_current}
    assert {
        code: (la.old_la_code, la.valid_to, la.replaced_by) for code, la in abolished.items()
    } == {
        "E10000009": ("835", dt.date(2019, 3, 31), ("E06000058", "E06000059")),  # Dorset CC
        "E06000028": ("837", dt.date(2019, 3, 31), ("E06000058",)),  # Bournemouth
        "E06000029": ("836", dt.date(2019, 3, 31), ("E06000058",)),  # Poole
        "E10000002": ("825", dt.date(2020, 3, 31), ("E06000060",)),  # Buckinghamshire CC
        "E10000021": ("928", dt.date(2021, 3, 31), ("E06000061", "E06000062")),
        "E10000006": ("909", dt.date(2023, 3, 31), ("E06000063", "E06000064")),  # Cumbria
        "E10000023": ("815", dt.date(2023, 3, 31), ("E06000065",)),  # North Yorkshire CC
        "E10000027": ("933", dt.date(2023, 3, 31), ("E06000066",)),  # Somerset CC
    }
    by_code = {la.la_code: la for la in local_authorities()}
    for la in abolished.values():
        for successor in la.replaced_by:
            assert by_code[successor].is_current
            assert by_code[successor].valid_from == la.valid_to + dt.timedelta(days=1)
    # a county that became a unitary authority kept its DfE code: the current row wins
    assert find("825").la_code == "E06000060"  # type: ignore[union-attr]
    assert find("815").la_code == "E06000065"  # type: ignore[union-attr]


def test_every_district_belongs_to_a_current_county() -> None:
    by_code = {la.la_code: la for la in local_authorities()}
    districts = [la for la in local_authorities() if la.la_type == "non_metropolitan_district"]
    assert len(districts) == 164
    counties = {by_code[d.upper_tier_code].la_code for d in districts}
    assert len(counties) == 21
    assert all(by_code[c].la_type == "county" and by_code[c].is_current for c in counties)
    hertsmere = by_code["E07000098"]
    assert (hertsmere.upper_tier_code, hertsmere.region_code) == ("E10000015", "E12000006")


def test_the_seed_agrees_with_the_real_releases() -> None:
    """Every LA row of the real fixtures: same codes, name and region as in the seed."""
    seen = set()
    for path in FIXTURES.glob("release_*/*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                row = {k.lower(): v for k, v in row.items()}
                if row.get("geographic_level") != "Local authority":
                    continue
                seen.add(
                    (row["old_la_code"], row["new_la_code"], row["la_name"], row["region_code"])
                )
    assert len(seen) == 12  # Harrow, Bristol and Harrow's ten neighbours
    by_code = {la.la_code: la for la in local_authorities()}
    for old, new, name, region in seen:
        la = by_code[new]
        assert (la.old_la_code, la.la_name, la.region_code) == (old, name, region)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("310", "E09000015"),
        (" e09000015 ", "E09000015"),
        ("825", "E06000060"),
        ("919", "E10000015"),
    ],
)
def test_a_current_authority_is_accepted_by_either_code(code: str, expected: str) -> None:
    assert check_la_code(code, "--la").la_code == expected


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "999",
            "--la: '999' is not an English local authority code; give an old 3-digit code "
            "such as 310 or a new E06/E08/E09/E10 code such as E09000015",
        ),
        ("", "--la: '' is not an English local authority code"),
        ("310; drop table x", "--la: '310; drop table x' is not an English local authority"),
        ("W06000015", "--la: 'W06000015' is not an English local authority code"),
        (
            "E07000098",
            "--la: 'E07000098' is Hertsmere, a district council; its children's services are "
            "run by Hertfordshire (919 / E10000015): give that code",
        ),
        (
            "928",
            "--la: '928' is Northamptonshire, replaced on 1 April 2021 by North "
            "Northamptonshire (940 / E06000061), West Northamptonshire (941 / E06000062); give "
            "the current authority's code",
        ),
        ("E10000002", "--la: 'E10000002' is Buckinghamshire, replaced on 1 April 2020 by "),
    ],
)
def test_an_unknown_district_or_abolished_code_is_refused(code: str, message: str) -> None:
    with pytest.raises(UnknownLocalAuthority) as refusal:
        check_la_code(code, "--la")
    assert str(refusal.value).startswith(message)


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    settings.cache_clear()
    yield
    settings.cache_clear()


def test_cla_run_refuses_an_unknown_la_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh_settings: None
) -> None:
    inputs = tmp_path / "ssda903"
    inputs.mkdir()
    warehouse = tmp_path / "warehouse" / "cla.duckdb"
    status = main(
        ["run", "--source", "ssda903", "--input", str(inputs), "--la", "999",
         "--warehouse", str(warehouse), "--output", str(tmp_path / "publish")]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("cla run: --la: '999' is not an English local authority code")
    assert not warehouse.parent.exists() and not (tmp_path / "publish").exists()


def test_cla_run_names_the_environment_or_the_config_key(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fresh_settings: None,
) -> None:
    inputs = tmp_path / "ssda903"
    inputs.mkdir()
    args = ["run", "--source", "ssda903", "--input", str(inputs)]
    # the configuration (file and environment) is checked when it is read (settings.py)
    monkeypatch.setenv("CLA_LA", "E07000098")
    settings.cache_clear()
    assert main(args) == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[1]
        .startswith(
            "  local_authority.code (from CLA_LA): 'E07000098' is Hertsmere, a district council"
        )
    )
    monkeypatch.delenv("CLA_LA")
    config = tmp_path / "pipeline.yaml"
    config.write_text("local_authority:\n  code: '928'\n", encoding="utf-8")
    monkeypatch.setenv("CLA_CONFIG", str(config))
    settings.cache_clear()
    assert main(args) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"cla run: invalid configuration ({config}):"
    assert err[1].startswith(
        "  local_authority.code: '928' is Northamptonshire, replaced on 1 April 2021"
    )
