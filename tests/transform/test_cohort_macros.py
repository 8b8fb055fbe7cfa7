"""One OC2 and one OC3 cohort: the dbt models and Python (the quality rules) render one macro.

A hand-made 2024-25 return (one child per edge of the OC2 definition, three care leavers) is
landed and built with dbt; the cohorts `intermediate.int_oc2_cohort` / `int_oc3_cohort`
must equal what `dagster_project.dbt_macros.render` makes of the same macro files over the
same rows (the published `marts.ssda903_*`), the rules' cohort over the return as submitted
must equal the model, and all must equal the cohort worked out by hand. The OC2 cohort is
DfE's "looked after continuously" (no RNE S after 1 April, no non-X1 REC before 31 March,
no short break in the year); each child's comment says where spec/indicators.md's reading
("looked after at P in a period of care that started by W.start") would decide otherwise.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from dagster_project.dbt_macros import MacroError, _library, macro_names, render
from dagster_project.quality.context import RuleContext, oc3_cohort_view, prepare
from dagster_project.transform.dbt_cli import run_dbt

from .helpers import land, rows, write_csv

P = dt.date(2025, 3, 31)
W_START = dt.date(2024, 4, 1)
DATES = f"(select date '{P}' as period_end, date '{W_START}' as window_start)"

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
# CHILD, DOB, [(DECOM, RNE, LS, DEC, REC)]
CHILDREN: list[tuple[str, str, list[tuple[str, str, str | None, str | None, str | None]]]] = [
    # In care since 2020: in.
    ("A01", "01/01/2012", [("01/01/2020", "S", "C2", None, None)]),
    # Started on W.start itself: in.
    ("A02", "01/01/2012", [("01/04/2024", "S", "C2", None, None)]),
    # Started a day after W.start: out.
    ("A03", "01/01/2012", [("02/04/2024", "S", "C2", None, None)]),
    # An X1 chain through the year: in.
    (
        "A04",
        "01/01/2012",
        [("01/01/2022", "S", "C2", "01/06/2024", "X1"), ("01/06/2024", "P", "C2", None, None)],
    ),
    # Left care on P itself: in (DfE only excludes an end before 31 March; the spec's
    # reading: out, not looked after at P).
    ("A05", "01/01/2012", [("01/01/2020", "S", "C2", "31/03/2025", "E13")]),
    # A short break in the year: out.
    (
        "A06",
        "01/01/2012",
        [
            ("01/01/2020", "S", "C2", "01/06/2024", "X1"),
            ("01/06/2024", "P", "V3", "05/06/2024", "X1"),
            ("05/06/2024", "P", "C2", None, None),
        ],
    ),
    # X1 but the next episode starts 9 days later: in, no RNE S and no non-X1 REC in the
    # year (the spec's reading: out, the dates make a new period of care).
    (
        "A07",
        "01/01/2012",
        [("01/01/2020", "S", "C2", "01/05/2024", "X1"), ("10/05/2024", "P", "C2", None, None)],
    ),
    # Care ended (E13) and began again the same day: out.
    (
        "A08",
        "01/01/2012",
        [("01/01/2020", "S", "C2", "01/05/2024", "E13"), ("01/05/2024", "S", "C2", None, None)],
    ),
    # Back in care before W.start after an earlier period: in.
    (
        "A09",
        "01/01/2012",
        [("01/01/2020", "S", "C2", "01/06/2023", "E13"), ("01/03/2024", "S", "C2", None, None)],
    ),
    # Overlapping episodes: in, the later one's RNE is not S (the spec's reading: out, the
    # episode covering P starts a period in the year).
    (
        "A10",
        "01/01/2012",
        [("01/01/2019", "S", "C2", None, None), ("01/06/2024", "P", "C2", None, None)],
    ),
    # A blank legal status is not a short break: in.
    ("A11", "01/01/2012", [("01/01/2021", "S", None, None, None)]),
    # Only short breaks: out.
    ("A12", "01/01/2012", [("01/01/2020", "S", "V4", None, None)]),
    # Care leavers. 19 on 15/06/2024, left care on the 18th birthday after 4 years: in OC3.
    ("B01", "15/06/2005", [("15/06/2019", "S", "C2", "15/06/2023", "E13")]),
    # Looked after on the 18th birthday: not a care leaver.
    ("B02", "01/07/2006", [("01/01/2022", "S", "C2", None, None)]),
    # Born 29/02/2004: 21 on 28/02/2025 (clamped), former relevant: in OC3.
    ("B03", "29/02/2004", [("01/01/2019", "S", "C2", "28/02/2022", "E13")]),
]
OC2_COHORT = {"A01", "A02", "A04", "A05", "A07", "A09", "A10", "A11", "B02"}
OC3_COHORT = {("B01", dt.date(2024, 6, 15)), ("B03", dt.date(2025, 2, 28))}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cohort_macros")
    year = root / "ssda903" / "2025"
    write_csv(
        year / "header.csv",
        HEADER,
        [(child, "1", dob, "WBRI", None, None, None) for child, dob, _ in CHILDREN],
    )
    write_csv(
        year / "episodes.csv",
        EPISODES,
        [
            (child, decom, rne, ls, "N1", "U4", "PR1", dec, rec, None, None, None, None)
            for child, _, episodes in CHILDREN
            for decom, rne, ls, dec, rec in episodes
        ],
    )
    path = root / "cla.duckdb"
    land(path, "ssda903", root / "ssda903")
    run_dbt(
        [
            "build",
            "--exclude-resource-type",
            "unit_test",
            "--select",
            "+int_oc2_cohort +int_oc3_cohort +path:models/marts/ssda903",
        ],
        path,
        {"source_system": "ssda903", "la_code": "310", "period_ends": [P.isoformat()]},
        target=root / "target",
    )
    return path


def _rendered(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_oc2_cohort_of_dbt_equals_the_macro_rendered_from_python(warehouse: Path) -> None:
    dbt_cohort = {
        r[0]
        for r in rows(
            warehouse, "select CHILD from intermediate.int_oc2_cohort where period_end = ?", [P]
        )
    }
    sql = render("oc2_cohort", "marts.ssda903_episodes", DATES)
    python_cohort = {r[0] for r in _rendered(warehouse, f"select CHILD from ({sql})")}
    assert dbt_cohort == python_cohort == OC2_COHORT


def test_the_rules_and_the_indicators_share_one_oc2_cohort(warehouse: Path) -> None:
    """The rules' `{oc2_cohort}`, made from the 2025 return as landed (not from dbt's
    tables), is the indicators' cohort: int_oc2_cohort at the year's 31 March."""
    with duckdb.connect(str(warehouse)) as con:
        ctx = prepare(con, P.year, "ssda903", "310")
        rules = {
            r[0] for r in con.execute(f"select CHILD from {ctx.tables['oc2_cohort']}").fetchall()
        }
        model = {
            r[0]
            for r in con.execute(
                "select CHILD from intermediate.int_oc2_cohort where period_end = ?", [P]
            ).fetchall()
        }
    assert rules == model == OC2_COHORT


def test_oc3_cohort_of_dbt_equals_the_macro_rendered_from_python(warehouse: Path) -> None:
    dbt_cohort = set(
        rows(
            warehouse,
            "select CHILD, birthday from intermediate.int_oc3_cohort where period_end = ?",
            [P],
        )
    )
    sql = render("oc3_cohort", "marts.ssda903_episodes", "marts.ssda903_header", DATES)
    python_cohort = set(_rendered(warehouse, f"select CHILD, birthday from ({sql})"))
    assert dbt_cohort == python_cohort == OC3_COHORT


def test_the_rules_read_the_oc3_cohort_model_itself(warehouse: Path) -> None:
    """Local rule CLA01's `{oc3_cohort}` is dbt's int_oc3_cohort at the year's 31 March."""
    with duckdb.connect(str(warehouse)) as con:
        ctx = RuleContext.for_year(P.year)
        oc3_cohort_view(con, ctx)
        ours = con.execute(f"select * from {ctx.tables['oc3_cohort']} order by all").fetchall()
        model = con.execute(
            "select * from intermediate.int_oc3_cohort where period_end = ? order by all", [P]
        ).fetchall()
    assert ours == model and len(ours) > 0


def test_render_refuses_what_only_dbt_can_render() -> None:
    assert {"oc2_cohort", "oc3_cohort", "episodes_chained", "birthday"} <= set(macro_names())
    with pytest.raises(MacroError, match="only dbt provides"):
        render("cohort_dates")  # reads ref() and var()
    with pytest.raises(MacroError, match="no plain-Jinja macro"):
        render("ssda903_unique_key")  # a {% test %} block: not in the library


def test_an_edited_macro_is_compiled_again(tmp_path: Path) -> None:
    """The compiled library is kept (dbt/target/jinja) by each text's checksum: a changed
    macro file renders its new text, never the kept one."""
    macro = tmp_path / "m.sql"
    macro.write_text("{% macro m(x) %}select {{ x }} as one{% endmacro %}")
    assert render("m", 1, macro_dir=tmp_path) == "select 1 as one"
    _library.cache_clear()  # a new process: only the kept bytecode remains
    assert render("m", 1, macro_dir=tmp_path) == "select 1 as one"
    macro.write_text("{% macro m(x) %}select {{ x }} as two{% endmacro %}")
    _library.cache_clear()
    assert render("m", 2, macro_dir=tmp_path) == "select 2 as two"
