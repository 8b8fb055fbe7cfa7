"""England's local authorities, from the dbt seed, for checks made before anything runs.

The list itself is data (`dbt/seeds/reference/local_authorities.csv`, one definition read by
dbt and by this module). `check_la_code` is the one place a configured or given reporting LA
code is validated: the `cla` command calls it before a run starts, the settings can call it
when the configuration is read. A code that is not a current English children's services
authority is refused with a message that names where the code came from and what to give.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "reference" / "local_authorities.csv"
EXAMPLE = "an old 3-digit code such as 310 or a new E06/E08/E09/E10 code such as E09000015"


@dataclass(frozen=True)
class LocalAuthority:
    """One row of the seed."""

    la_code: str
    old_la_code: str | None
    la_name: str
    la_type: str
    region_code: str
    region_name: str
    upper_tier_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    replaced_by: tuple[str, ...]

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    @property
    def runs_childrens_services(self) -> bool:
        """Upper tier: counties, unitaries, metropolitan districts, London boroughs."""
        return self.la_code == self.upper_tier_code

    def label(self) -> str:
        codes = f"{self.old_la_code} / {self.la_code}" if self.old_la_code else self.la_code
        return f"{self.la_name} ({codes})"


class UnknownLocalAuthority(ValueError):
    """A reporting LA code the pipeline cannot report for."""


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cache
def local_authorities() -> tuple[LocalAuthority, ...]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        return tuple(
            LocalAuthority(
                la_code=row["la_code"],
                old_la_code=row["old_la_code"] or None,
                la_name=row["la_name"],
                la_type=row["la_type"],
                region_code=row["region_code"],
                region_name=row["region_name"],
                upper_tier_code=row["upper_tier_code"],
                valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
                replaced_by=tuple(row["replaced_by"].split()),
            )
            for row in csv.DictReader(handle)
        )


def find(code: str) -> LocalAuthority | None:
    """The authority an old or new code stands for (case and spaces ignored).

    An old code shared by two rows (a county that became a unitary authority under the same
    DfE code) gives the current one.
    """
    key = str(code).strip().upper()
    matches = [la for la in local_authorities() if key in (la.la_code, la.old_la_code)]
    return max(matches, key=lambda la: la.valid_to or dt.date.max, default=None)


def _by_code(code: str) -> LocalAuthority | None:
    return next((la for la in local_authorities() if la.la_code == code), None)


def check_la_code(code: object, where: str) -> LocalAuthority:
    """The current children's services authority `code` names, or a refusal naming `where`.

    `where` says where the code came from (`--la`, `local_authority.code in <file>`,
    `CLA_LA`), so the message points at what to change.
    """
    text = "" if code is None else str(code).strip()
    shown = repr(text if len(text) <= 20 else text[:20] + "...")
    found = find(text) if text else None
    if found is None:
        raise UnknownLocalAuthority(
            f"{where}: {shown} is not an English local authority code; give {EXAMPLE} "
            "(the list: dbt/seeds/reference/local_authorities.csv)"
        )
    if not found.runs_childrens_services:
        county = _by_code(found.upper_tier_code)
        runs = county.label() if county else found.upper_tier_code
        raise UnknownLocalAuthority(
            f"{where}: {shown} is {found.la_name}, a district council; its children's services "
            f"are run by {runs}: give that code"
        )
    if not found.is_current:
        successors = [s for s in (_by_code(c) for c in found.replaced_by) if s is not None]
        now = ", ".join(s.label() for s in successors) or "another authority"
        ended = found.valid_to + dt.timedelta(days=1) if found.valid_to else None
        when = f" on {ended.day} {ended:%B %Y}" if ended else ""
        raise UnknownLocalAuthority(
            f"{where}: {shown} is {found.la_name}, replaced{when} by {now}; "
            "give the current authority's code"
        )
    return found
