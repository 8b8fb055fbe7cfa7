"""`cla validate`: one return folder, DfE's rules of its year, no dbt and no Dagster."""

from __future__ import annotations

import csv
import stat
import sys
from pathlib import Path

import pytest

from dagster_project.cli import main
from dagster_project.quality.validate_return import year_of_files

EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
SECRET = "Z9SECRET"  # a value no message may quote


def write(folder: Path, name: str, header: str, rows: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def a_return(folder: Path) -> Path:
    """A 2024-25 return: child 1 clean; child 2 with a legal status outside the list, a REC
    on an open episode and H5 (still valid in 2024-25, gone in 2025-26)."""
    write(
        folder,
        "episodes.csv",
        EPISODES,
        [
            "1,01/05/2024,S,C2,N1,U4,PR1,01/06/2024,E11,,,,",
            f"2,01/06/2024,S,{SECRET},N1,H5,PR4,,E13,,,,",
        ],
    )
    write(folder, "header.csv", HEADER, ["1,M,01/01/2015,WBRI,,,", "2,F,01/01/2007,WBRI,,,"])
    return folder


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_return_is_checked_against_its_years_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = a_return(tmp_path / "return")
    assert year_of_files(folder) == 2025
    assert main(["validate", "--input", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert SECRET not in out + err  # the summary names rules and counts, never a value
    assert "2024-25 return" in err and "144 (record_error): 1 row(s)" in err
    output = tmp_path / "return-validation"  # beside the return, never in it
    assert not (folder / "findings.csv").exists()
    findings = read(output / "findings.csv")
    by_rule = {(f["rule_code"], f["child_id"], f["source_file"], f["row_number"]) for f in findings}
    assert ("144", "2", "episodes.csv", "2") in by_rule
    assert ("148", "2", "episodes.csv", "2") in by_rule  # a REC on an open episode
    assert not any(f["rule_code"] == "146" for f in findings)  # H5 valid in 2024-25
    assert {f["collection_year"] for f in findings} == {"2025"}
    summary = {r["rule_code"]: r for r in read(output / "rule_summary.csv")}
    assert summary["144"]["failing_rows"] == "1"
    assert "CLA01" not in summary and "CLA02" not in summary  # DfE's rules only
    assert summary["1006"]["status"].startswith("skipped")  # no missing.csv given
    if sys.platform != "win32":
        assert stat.S_IMODE(output.stat().st_mode) == 0o700
        assert stat.S_IMODE((output / "findings.csv").stat().st_mode) == 0o600


def test_the_year_decides_codes_and_rules(tmp_path: Path) -> None:
    folder = a_return(tmp_path / "return")
    out = tmp_path / "as-2026"
    assert main(["validate", "--input", str(folder), "--year", "2026", "--output", str(out)]) == 1
    codes = {f["rule_code"] for f in read(out / "findings.csv")}
    assert "146" in codes  # H5 was retired for 2025-26


def test_a_clean_return_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every rule of the year that can run passes: postcodes in Harrow (real ONS postcodes,
    so the placement's LA and distance are derived), a UPN, a children's home of the LA's
    own (PR1) in the LA."""
    folder = tmp_path / "clean"
    episode = "1,01/05/2024,S,C2,N1,K2,PR1,01/06/2024,E13,,HA1 1AA,HA1 2XY,SC123456"
    write(folder, "episodes.csv", EPISODES, [episode])
    write(folder, "header.csv", HEADER, ["1,M,01/01/2015,WBRI,H310200115001,,"])
    out = tmp_path / "out"
    assert main(["validate", "--input", str(folder), "--output", str(out), "--la", "310"]) == 0
    assert "no findings" in capsys.readouterr().out
    # the same placement for another LA is outside that LA: its own provision (PR1) is not
    assert main(["validate", "--input", str(folder), "--output", str(out), "--la", "316"]) == 1
    assert {f["rule_code"] for f in read(out / "findings.csv")} == {"1015"}


def test_an_unknown_reporting_la_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = a_return(tmp_path / "return")
    assert main(["validate", "--input", str(folder), "--la", "999"]) == 2
    assert "--la: '999' is not an English local authority code" in capsys.readouterr().err


def test_an_unusable_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--input", str(tmp_path / "nowhere")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["validate", "--input", str(tmp_path / "empty")]) == 2
    write(tmp_path / "undated", "header.csv", HEADER, ["1,M,01/01/2015,WBRI,,,"])
    assert main(["validate", "--input", str(tmp_path / "undated")]) == 2
    assert "--year" in capsys.readouterr().err


def test_adoption_and_previous_permanence_files_are_checked(tmp_path: Path) -> None:
    """ad1, placed_for_adoption and previous_permanence land with the return and are read
    as submitted, each finding naming its file and row; a partly unknown DATE_PERM is a
    date; a rule needing last year's return is skipped, saying so."""
    folder = tmp_path / "return"
    write(
        folder,
        "episodes.csv",
        EPISODES,
        [  # child 1 placed for adoption under a placement order and adopted in the year
            "1,01/05/2024,S,C2,N1,U4,PR1,01/07/2024,X1,,,,",
            "1,01/07/2024,L,E1,N1,A4,PR1,01/12/2024,E11,,,,",
            "2,01/05/2024,S,C2,N1,U4,PR1,,,,,,",
        ],
    )
    write(folder, "header.csv", HEADER, ["1,M,01/01/2020,WBRI,,,", "2,F,01/01/2015,WBRI,,,"])
    write(
        folder,
        "ad1.csv",
        "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
        [f"1,01/01/2020,{SECRET},15/06/2024,0,2,MF,L11"],  # DATE_INT not a date
    )
    write(
        folder,
        "placed_for_adoption.csv",
        "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
        ["1,01/01/2020,01/06/2024,,"],
    )
    write(
        folder,
        "previous_permanence.csv",
        "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
        ["1,01/01/2020,Z1,,", "2,01/01/2015,P2,838,zz/zz/2021"],
    )
    out = tmp_path / "out"
    assert main(["validate", "--input", str(folder), "--output", str(out)]) == 1
    adoption_files = ("ad1.csv", "placed_for_adoption.csv", "previous_permanence.csv")
    findings = {
        (f["rule_code"], f["source_file"], f["row_number"])
        for f in read(out / "findings.csv")
        if f["source_file"] in adoption_files
    }
    # DATE_INT not a date (112), so not before the match either (333); the episodes' own
    # warnings (no postcodes, no reviews) are other rules' business
    assert findings == {("112", "ad1.csv", "1"), ("333", "ad1.csv", "1")}
    summary = {r["rule_code"]: r["status"] for r in read(out / "rule_summary.csv")}
    ran = ("601", "630", "632", "633", "634", "551", "552", "554", "INT01", "INT12", "INT16")
    assert all(summary[code] == "ran" for code in ran)
    assert summary["559"] == "skipped: no placed_for_adoption_last"


def test_social_worker_episodes_and_dolos_are_checked(tmp_path: Path) -> None:
    """A 2026-27 return with its social worker episodes and its deprivation of liberty orders
    (DoLo.csv, as DfE's validator names the file): their rules read them, with file and row."""
    folder = tmp_path / "return"
    write(folder, "episodes.csv", EPISODES, ["1,01/05/2026,S,C2,N1,K1,PR1,,,,,,"])
    write(folder, "header.csv", HEADER, ["1,F,01/01/2012,WBRI,,,"])
    write(
        folder,
        "sw_episodes.csv",
        "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
        ["1,01/01/2012,SW01,01/05/2026,,FCONTA", "1,01/01/2012,AB12,02/05/2026,,FCONTA"],
    )
    write(
        folder,
        "DoLo.csv",
        "CHILD,DOB,DOLO_START,DOLO_END",
        ["1,01/01/2012,01/06/2026,01/09/2026", f"1,01/01/2012,{SECRET},"],
    )
    out = tmp_path / "checked"
    assert main(["validate", "--input", str(folder), "--output", str(out)]) == 1
    found = {
        (f["rule_code"], f["table_name"], f["source_file"], f["row_number"])
        for f in read(out / "findings.csv")
    }
    assert ("SW02STG1", "sw_episodes", "sw_episodes.csv", "2") in found  # not SW or XX
    assert ("700", "dolo", "DoLo.csv", "2") in found  # a start that is not a date
    # a DoLO while in a secure children's home: both the order and the episode
    assert ("710", "dolo", "DoLo.csv", "1") in found
    assert ("710", "episodes", "episodes.csv", "1") in found
    summary = {r["rule_code"]: r["status"] for r in read(out / "rule_summary.csv")}
    assert summary["706"] == "skipped: no dolo_last"  # last year's return not supplied
    assert summary["SW17STG2"] == "ran"
