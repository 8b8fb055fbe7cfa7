"""`cla demo`, the README's first command, end to end on a scratch CLA_HOME.

One run of the whole product on the built-in synthetic LA, as a person runs it (the installed
`cla` command, in its own process): every landing folder lands (raw tables and load log
filled), dbt builds, the quality gate passes, and the analysts' database, the Panel report
and the quality folder are published; the screen shows about ten lines, the run log the rest,
and the run is recorded in the Dagster instance the UI reads.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

from dagster_project.landing.contracts import load_contracts
from dagster_project.version import git_commit, package_version


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("demo_home")
    env = {**os.environ, "CLA_HOME": str(home)}
    env.pop("DAGSTER_HOME", None)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("cla")), "demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # the lines a person (or a cron mail) sees, in order
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    return home, result.stdout


@pytest.fixture(scope="module")
def demo_home(demo_run: tuple[Path, str]) -> Path:
    return demo_run[0]


@pytest.mark.slow
def test_demo_prints_one_line_per_stage_and_at_most_ten_lines(demo_run) -> None:
    home, output = demo_run
    lines = output.splitlines()
    assert len(lines) <= 10, output
    assert "Traceback" not in output and " - dagster - " not in output
    assert lines[0] == f"synthetic local authority written to {home / 'landing'}"
    assert lines[1].startswith("cla demo: LA 310, mosaic from ")
    stages = [re.match(r"\d\d:\d\d:\d\d (\w+) +\.\.\. done in ", line) for line in lines[2:6]]
    assert [m.group(1) if m else None for m in stages] == [
        "landing",
        "dbt",
        "quality",
        "publication",
    ], output
    assert "newest extract 2026-03-31 (0.0 days old)" in lines[2]
    assert re.search(r"models and seeds built, \d+ tests passed", lines[3])
    assert re.search(r"[\d,]+ findings, 0 blocking", lines[4])
    assert re.match(r"run [0-9a-f-]{36} succeeded in \S+; publication in ", lines[6])
    assert lines[-1].startswith("  run log: ")


@pytest.mark.slow
def test_demo_run_log_has_every_step_and_no_colour_codes(demo_home: Path) -> None:
    (log,) = (demo_home / "warehouse" / "logs").glob("cla-run-*.log")
    text = log.read_text()
    assert "\x1b[" not in text
    started = set(re.findall(r" - (\w+) - STEP_START - ", text))
    assert started == {
        "land_mosaic",
        "land_ssda903",
        "land_dfe",
        "land_cin",
        "quality__record_errors",
        "reference__postcodes",
        "config__indicator_targets",
        "mosaic__persons_extract_fresh",
        "cla_dbt",
        "cla_dbt_indicators",
        "quality__data_quality_gate",
        "publish",
    }
    assert len(re.findall(r" - STEP_SUCCESS - ", text)) == len(started)
    assert "Completed successfully" in text and " ERROR=0 " in text  # dbt's own lines
    # no child's data: an ID and a date of birth from the extract never reach the log
    persons = next((demo_home / "landing" / "mosaic").glob("*/persons.csv")).read_text()
    child_id, _, dob = persons.splitlines()[1].split(",")[:3]
    assert re.search(rf"\b{child_id}\b", text) is None and dob not in text


@pytest.mark.slow
def test_demo_run_is_recorded_in_the_dagster_instance(demo_home: Path) -> None:
    import dagster as dg

    from dagster_project.landing.extracts import fingerprint

    dagster_home = demo_home / "dagster_home"
    assert stat.S_IMODE(dagster_home.stat().st_mode) == 0o700
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        (run,) = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.SUCCESS
        assert run.job_name == "cla_pipeline"
        extract = next((demo_home / "landing" / "mosaic").iterdir())
        assert run.tags["cla/trigger"] == "cla demo" and run.tags["cla/alerts"] == "off"
        assert run.tags["cla/mosaic_fingerprint"] == fingerprint(extract)
        assert instance.get_latest_materialization_event(dg.AssetKey(["publication", "cla_marts"]))


@pytest.mark.slow
def test_demo_lands_every_source_file_and_logs_it(demo_home: Path) -> None:
    con = duckdb.connect(str(demo_home / "warehouse" / "cla.duckdb"), read_only=True)
    log = dict(
        con.execute(
            "select source, count(*) from raw.load_log where status = 'loaded' group by 1"
        ).fetchall()
    )
    rejected = con.execute("select count(*) from raw.load_log where status = 'rejected'")
    assert rejected.fetchone()[0] == 0
    assert set(log) == {"mosaic", "ssda903", "cin", "dfe"}
    assert log["mosaic"] == 14  # one extract, every Mosaic file of inputs.md §1 and §6
    # every table the generator writes is filled: all Mosaic files, the 903 files it
    # writes for every year, and the synthetic DfE release's files
    for contract in load_contracts()["mosaic"].files:
        rows = con.execute(f"select count(*) from raw.{contract.table}").fetchone()[0]
        assert rows > 0, contract.table
    for kind in ("header", "episodes", "uasc", "oc2", "oc3", "missing", "reviews"):
        assert con.execute(f"select count(*) from raw.ssda903_{kind}").fetchone()[0] > 0, kind
    for kind in ("cla_number_and_rate_per_10k_children", "sn_model", "population"):
        assert con.execute(f"select count(*) from raw.dfe_{kind}").fetchone()[0] > 0, kind
    # the CIN census returns of every year (one XML file fills every cin table) and the
    # synthetic DfE "Children in need" release
    for contract in load_contracts()["cin"].files:
        rows = con.execute(f"select count(*) from raw.{contract.table}").fetchone()[0]
        assert rows > 0, contract.table
    for kind in ("b1_children_in_need", "c1_children_in_need_referrals_and_rereferrals",
                 "d3_cpps_subsequent_plan", "d5_cpps_at31march_by_duration"):  # fmt: skip
        assert con.execute(f"select count(*) from raw.dfe_{kind}").fetchone()[0] > 0, kind
    # the demo's CIN/CP figures exist (the Mosaic extract's CIN files)
    cin = con.execute(
        "select count(*) from marts.indicator_values where indicator_id in "
        "('cin_at_period_end', 'cpp_at_period_end', 'rereferrals_12m_pct') and value > 0 "
        "and is_reporting_period"
    ).fetchone()[0]
    assert cin > 0
    con.close()


@pytest.mark.slow
def test_demo_publishes_every_indicator_for_the_default_periods(demo_home: Path) -> None:
    publish = demo_home / "publish"
    assert (publish / "report" / "panel_report.html").is_file()
    assert (publish / "report" / "panel_report.xlsx").is_file()
    assert (publish / "quality" / "findings.csv").is_file()
    con = duckdb.connect(str(publish / "cla_marts.duckdb"), read_only=True)
    catalogue = con.execute(
        "select count(*) from indicator_catalogue where kind = 'value'"
    ).fetchone()[0]
    # as at 31/03/2026: every quarter end of the last five years, 30/06/2021 .. 31/03/2026
    periods = [
        r[0].isoformat()
        for r in con.execute(
            "select distinct period_end from indicator_report order by 1"
        ).fetchall()
    ]
    assert len(periods) == 20
    assert periods[:5] == ["2021-06-30", "2021-09-30", "2021-12-31", "2022-03-31", "2022-06-30"]
    assert periods[-1] == "2026-03-31"
    reported = con.execute(
        "select count(*) from indicator_values v join indicator_report r "
        "using (indicator_id, period_end)"
    ).fetchone()[0]
    assert reported == catalogue * len(periods)
    info = con.execute(
        "select la_name, new_la_code, source_system, pipeline_version, git_commit "
        "from publication_info"
    )
    assert info.fetchone() == ("Harrow", "E09000015", "mosaic", package_version(), git_commit())
    con.close()


def _shown(value: float | None, decimals: int, unit: str) -> tuple[Decimal | None, str]:
    """A figure as the report prints it, worked out here independently: half up to the
    catalogue's decimals, thousands separated, % for percentages."""
    if value is None:
        return None, "–"
    number = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{int(number):,}" if decimals == 0 else f"{number:,.{decimals}f}"
    return number, text + ("%" if unit == "percent" else "")


def _cells(html: str, indicator: str) -> list[str]:
    row = re.search(rf'<tr data-indicator="{indicator}" class="ind[^"]*">(.*?)</tr>', html, re.S)
    assert row, indicator
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(1), re.S)
    unmarked = [re.sub(r"<sup[^>]*>p</sup>", "", c) for c in cells]  # provisional mark
    return [re.sub(r"<[^>]+>", "", c).strip() for c in unmarked]


@pytest.mark.slow
def test_demo_key_points_cover_every_red_amber_and_moving_indicator(demo_home: Path) -> None:
    """Issue 14: for the synthetic LA, every red or amber indicator and every indicator that
    moved by more than its amber tolerance has a key point, and each sentence says what the
    figures say (recomputed here from indicator_values, indicator_report and comparators)."""
    publish = demo_home / "publish"
    html = (publish / "report" / "panel_report.html").read_text(encoding="utf-8")
    html = html.replace("&#39;", "'").replace("&amp;", "&")
    points = dict(
        re.findall(r'<li data-indicator="(\w+)" data-number="\d+">(.*?)</li>', html, re.S)
    )
    con = duckdb.connect(str(publish / "cla_marts.duckdb"), read_only=True)
    (latest,) = con.execute("select max(period_end) from indicator_report").fetchone()
    rows = con.execute(
        "select r.indicator_id, c.indicator_number, c.title, c.unit, c.decimals, r.rag, "
        "r.polarity, r.target, r.amber_tolerance, v.value, p.value, y.value, "
        "r.previous_period_end, r.sn_average, r.england "
        "from indicator_report r join indicator_catalogue c using (indicator_id) "
        "left join indicator_values v on v.indicator_id = r.indicator_id "
        "  and v.period_end = r.period_end "
        "left join indicator_values p on p.indicator_id = r.indicator_id "
        "  and p.period_end = r.previous_period_end "
        "left join indicator_values y on y.indicator_id = r.indicator_id "
        "  and y.period_end = r.year_ago_period_end "
        "where r.period_end = ?",
        [latest],
    ).fetchall()
    con.close()
    flagged_shown = 0
    for (indicator, number, title, unit, decimals, rag, polarity, target, tolerance,
         value, previous, year_ago, previous_end, sn, england) in rows:  # fmt: skip
        now, now_text = _shown(value, decimals, unit)
        before, before_text = _shown(previous, decimals, unit)
        year, year_text = _shown(year_ago, decimals, unit)
        moved = bool(tolerance) and any(
            other is not None and now is not None and abs(now - other) > Decimal(repr(tolerance))
            for other in (before, year)
        )
        cells = _cells(html, indicator)  # No., title, value, target, RAG, prev, year, SN, Eng
        if rag not in ("red", "amber") and not moved:
            assert indicator not in points, indicator
            continue
        if cells[2] == "c":  # suppressed in the table: no key point may reveal it
            assert indicator not in points, indicator
            continue
        flagged_shown += 1
        sentence = " ".join(points[indicator].split())
        assert cells[2] == now_text
        assert sentence.startswith(f"{title} (Indicator {number}) is {now_text}"), sentence
        if rag in ("red", "amber"):
            _, target_text = _shown(target, decimals, unit)
            side = "below" if polarity == "higher_is_better" else "above"
            near = "just " if rag == "amber" else ""
            assert f"{near}{side} its target of {target_text} ({rag})" in sentence, sentence
        for other, text, shown_cell, when in (
            (before, before_text, cells[5], f" at {previous_end.day} "
             f"{previous_end.strftime('%B %Y')}"),
            (year, year_text, cells[6], " a year earlier"),
        ):  # fmt: skip
            if other is None or shown_cell in ("c", "–"):
                assert f"{text}{when}" not in sentence
                continue
            word = "up from" if now > other else "down from" if now < other else "unchanged from"
            assert f"{word} {text}{when}" in sentence, sentence
        for figure, name in ((sn, "the statistical-neighbour average"), (england, "England")):
            if figure is None:
                assert name not in sentence
                continue
            level, text = _shown(figure, decimals, unit)
            where = "above" if now > level else "below" if now < level else "level with"
            assert f"{where} {name} ({text})" in sentence, sentence
    assert flagged_shown >= 5  # the synthetic LA has red, amber and moving indicators
    assert len(points) == flagged_shown


@pytest.mark.slow
def test_demo_publishes_indicator_members_that_reproduce_every_figure(demo_home: Path) -> None:
    """indicator_members in the analysts' database: for every indicator and period, the
    members' numerator contributions add up to the numerator and their denominator
    contributions to the denominator (children, or reviews, incidents, scores for the
    indicators that count those); the rate's denominator is the population, not members."""
    con = duckdb.connect(str(demo_home / "publish" / "cla_marts.duckdb"), read_only=True)
    columns = {r[0] for r in con.execute("describe indicator_members").fetchall()}
    assert {"indicator_id", "period_end", "CHILD", "in_numerator"} <= columns
    compared, disagreeing = con.execute(
        """
        with m as (
            select indicator_id, period_end,
                sum(numerator_contribution) as numerator,
                sum(denominator_contribution) as denominator,
                count(*) filter (where in_numerator) as in_numerator,
                count(*) as members,
                any_value(counted_unit) as counted_unit
            from indicator_members group by all
        )
        select count(*), count(*) filter (where
            coalesce(m.numerator, 0) <> coalesce(v.numerator, 0)
            -- a rate's denominator is the population, not members
            or (v.denominator is not null and c.unit <> 'rate'
                and m.denominator is distinct from v.denominator)
            -- where each member is one child counted once (not reviews, incidents,
            -- referrals, plans...): members in the numerator and members are the counts
            or (m.counted_unit = 'child' and c.unit not in ('count', 'rate')
                and coalesce(m.in_numerator, 0) <> coalesce(v.numerator, 0))
            or (m.counted_unit = 'child' and c.unit <> 'rate' and v.denominator is not null
                and m.members <> v.denominator))
        from indicator_values v
        join indicator_catalogue c using (indicator_id)
        left join m using (indicator_id, period_end)
        where v.value is not null
        """
    ).fetchone()
    periods = con.execute("select count(distinct period_end) from indicator_values").fetchone()
    con.close()
    assert disagreeing == 0
    assert compared > 33 * 20 and periods[0] >= 20


@pytest.mark.slow
def test_data_dictionary_is_generated_from_the_published_database(demo_home: Path) -> None:
    """docs/data_dictionary.md is what the published database says about itself; a change
    to a mart or its YAML without regenerating the page fails here."""
    from dagster_project.publication.dictionary import from_database
    from dagster_project.settings import REPO_ROOT

    page = REPO_ROOT / "docs" / "data_dictionary.md"
    generated = from_database(demo_home / "publish" / "cla_marts.duckdb")
    assert page.read_text(encoding="utf-8") == generated, (
        "docs/data_dictionary.md is stale: after `cla demo`, run "
        "`python -m dagster_project.publication.dictionary --database "
        "data/publish/cla_marts.duckdb > docs/data_dictionary.md`"
    )


@pytest.mark.slow
def test_demo_report_has_the_cin_cp_out_of_borough_and_disability_sections(
    demo_home: Path,
) -> None:
    """Issue 15: the Panel report reads CIN/CP beside CLA, with out-of-borough placements and
    children with disabilities, each figure once (not also in the CLA tables)."""
    import re

    html = (demo_home / "publish" / "report" / "panel_report.html").read_text(encoding="utf-8")
    found = re.findall(r'<section[^>]*id="([a-z-]+)">\s*<h2>(.*?)</h2>', html)
    sections = dict(found)
    assert sections["children-in-need"] == "Children in need and child protection"
    assert sections["out-of-borough"] == "Out-of-borough placements"
    assert sections["disabilities"].startswith("Children with disabilities")
    order = [anchor for anchor, _ in found]  # numbered in this order by the stylesheet
    assert order[-5:] == [
        "children-in-need",
        "out-of-borough",
        "disabilities",
        "comparators",
        "notes",
    ]

    def section(anchor: str) -> str:
        (body,) = re.findall(rf'<section[^>]*id="{anchor}">(.*?)</section>', html, re.S)
        return body

    cin = section("children-in-need")
    for indicator in (
        "cin_at_period_end",
        "rereferrals_12m_pct",
        "assessments_within_45_days_pct",
        "icpc_within_15_days_pct",
        "cpp_at_period_end",
        "cpp_subsequent_pct",
        "cpp_2years_plus_pct",
        "cpp_by_category",
    ):
        assert f'data-indicator="{indicator}"' in cin, indicator
    # KPI rows: a value, a target column, SN and England columns, and a trend chart
    row = cin.split('<tr data-indicator="cpp_subsequent_pct" class="ind', 1)[1]
    row = row.split("</tr>", 1)[0]
    assert row.count('<td class="n">') == 6  # value, target, prev, year ago, SN, England
    assert '<figure data-indicator="cin_at_period_end">' in cin and "<svg" in cin
    borough = section("out-of-borough")
    for indicator in ("cla_by_placement_area", "cla_by_distance_band", "placed_outside_la_pct"):
        assert f'data-indicator="{indicator}"' in borough, indicator
    assert 'data-indicator="cla_disabled_pct"' in section("disabilities")
    for indicator in ("cin_at_period_end", "cla_by_placement_area", "cla_disabled_pct"):
        assert section("kpis").count(f'data-indicator="{indicator}"') == 0
        assert section("characteristics").count(f'data-indicator="{indicator}"') == 0
