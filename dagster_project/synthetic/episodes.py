"""SSDA903 episodes from a child's Mosaic rows, by the rules of inputs.md.

"Deriving SSDA903 episodes from a Mosaic extract": within each period of care, cut at
every date where the legal status or the placement changes; each piece is an episode. The
rules are applied to the rows as written to the extract (after the cut at `as_at`), so the
903 files are what the dbt derivation must reproduce from the Mosaic files.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from dagster_project.synthetic.histories import Child, LegalStatus, Period, Placement

SUCCESSOR_MOVES = frozenset({"P", "T", "B", "U"})


@dataclass(slots=True)
class Episode:
    decom: int
    dec: int | None
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    rec: str
    reason_place_change: str
    home_post: str
    pl_post: str
    urn: str
    short_break: bool


def _in_force(rows: list, day: int) -> int:
    """Index of the row (sorted by start, tiling the period) in force on `day`."""
    index = 0
    for i, row in enumerate(rows):
        if row.start <= day:
            index = i
        else:
            break
    return index


def _rne(ls_changed: bool, pl_changed: bool, before: Placement, after: Placement) -> str:
    same_carer = bool(before.carer) and before.carer == after.carer
    if not pl_changed:
        return "L"
    if not ls_changed:
        return "T" if same_carer else "P"
    return "U" if same_carer else "B"


def period_episodes(period: Period) -> list[Episode]:
    legal: list[LegalStatus] = period.legal_statuses
    placements: list[Placement] = period.placements
    cuts = sorted({row.start for row in legal} | {row.start for row in placements})
    short_break = period.short_break
    episodes: list[Episode] = []
    previous: tuple[int, int] | None = None
    for i, day in enumerate(cuts):
        li, pi = _in_force(legal, day), _in_force(placements, day)
        placement = placements[pi]
        if previous is None:
            rne = "S"
        else:
            rne = _rne(li != previous[0], pi != previous[1], placements[previous[1]], placement)
        last = i + 1 == len(cuts)
        episodes.append(
            Episode(
                decom=day,
                dec=period.end if last else cuts[i + 1],
                rne=rne,
                ls=legal[li].code,
                cin=period.cin,
                place=placement.place,
                provider=placement.provider,
                rec=period.reason_ended if last else "X1",
                reason_place_change="",
                home_post=period.home_postcode,
                pl_post=placement.postcode,
                urn=placement.urn,
                short_break=short_break,
            )
        )
        previous = (li, pi)
    for before, after in pairwise(episodes):
        if after.rne in SUCCESSOR_MOVES:
            ending = placements[_in_force(placements, before.decom)]
            before.reason_place_change = ending.reason_change
    return episodes


def child_episodes(child: Child) -> list[Episode]:
    """Every episode of the child, in DECOM order."""
    out: list[Episode] = []
    for period in child.periods:
        out += period_episodes(period)
    return out
