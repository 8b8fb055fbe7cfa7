"""A child's rows in each year's SSDA903 return, as the LA would submit them at year end.

Collection year Y runs from 1 April Y-1 to 31 March Y (P). The content rules follow
inputs.md §2 and the cohorts of indicators.md ("Resolved details"), computed from the same
Mosaic rows the extract holds, so a 903 source and a Mosaic source give the same figures:

- episodes: DECOM <= P and (DEC blank or DEC >= 1 April Y-1); an episode still open at P
  (or ending after it) has DEC, REC and REASON_PLACE_CHANGE blank; PLACE as the year's list
  codes it (an H5 placement open into 2025-26 is K3 there: codes.year_codes).
- header: every child in the year's episodes or OC3; SEX 1/2 up to 2024, M/F/U from 2025.
- uasc: UASC children in the header still UASC at some time in the year (DUC blank or on
  or after 1 April; DfE's rule 104); DUC blank while still UASC at P.
- missing, reviews: rows dated in the year (MIS_END blank if the incident was still open
  at P).
- oc2 / oc3: the cohorts at P, only for years whose P is on or before the extract date.
"""

from __future__ import annotations

import random

from dagster_project.codes import year_codes
from dagster_project.ssda903_files import FILES as SSDA903_FILES
from dagster_project.synthetic import figures as F
from dagster_project.synthetic.dates import DateTable, add_months_ord, birthday_ord
from dagster_project.synthetic.episodes import Episode
from dagster_project.synthetic.histories import Child

HEADERS = {
    kind: ",".join(SSDA903_FILES[kind])
    for kind in ("header", "episodes", "uasc", "oc2", "oc3", "missing", "reviews")
}
FILES = tuple(HEADERS)
LEGACY_SEX = {"M": "1", "F": "2"}
LAST_LEGACY_SEX_YEAR = 2024
MISSING_CODE = {"MISSING": "M", "ABSENT": "A"}


class YearEnds:
    """P, W.start and the text of each collection year's dates, computed once."""

    def __init__(self, dates: DateTable, first_year: int, last_year: int, as_at: int) -> None:
        import datetime as dt

        self.dates = dates
        self.as_at = as_at
        self.first_year = first_year
        self.last_year = last_year
        self.end = {y: dt.date(y, 3, 31).toordinal() for y in range(first_year, last_year + 1)}
        self.start = {y: dt.date(y - 1, 4, 1).toordinal() for y in range(first_year, last_year + 1)}
        # OC2 and OC3 exist only for a year whose 31 March the extract has reached.
        self.complete = {y for y, p in self.end.items() if p <= as_at}


def oc3_status(child: Child, birthday: int) -> tuple[str, str, str]:
    """Statuses from the contact nearest the birthday in [b - 3 months, b + 1 month].

    Ties go to the later contact; no contact in the window gives NO. A young person the LA
    is not in touch with has no activity or accommodation to report: the return codes them
    0, as DfE's rules 132, 133 and 344 expect (a blank is not a valid code).
    """
    low, high = add_months_ord(birthday, -3), add_months_ord(birthday, 1)
    best: tuple[int, int] | None = None
    found = None
    for contact in child.contacts:
        day = contact[0]
        if low <= day <= high:
            key = (abs(day - birthday), -day)
            if best is None or key < best:
                best, found = key, contact
    if found is None:
        return ("NO", "0", "0")
    return (found[1], found[3] or "0", found[2] or "0")  # IN_TOUCH, ACTIV, ACCOM


def oc3_birthdays(child: Child, years: YearEnds) -> list[tuple[int, int]]:
    """(year, birthday) for each year in which the child is in the OC3 cohort."""
    care = [(p.start, p.end) for p in child.periods if not p.short_break]
    if not care:
        return []
    dob = child.dob
    b16 = birthday_ord(dob, 16)
    ends = [end for _, end in care if end is not None]
    if not ends or max(ends) < b16:
        return []
    b14 = birthday_ord(dob, 14)
    out = []
    for age in range(17, 22):
        b = birthday_ord(dob, age)
        year = years.dates.cy(b) if b - years.dates.base < len(years.dates.year) else None
        if year is None or year not in years.complete:
            continue
        if any(s <= b and (e is None or e > b) for s, e in care):
            continue
        latest = max((e for e in ends if e <= b), default=None)
        if latest is None or latest < b16:
            continue
        days = sum(max(0, e - max(s, b14)) for s, e in care if e is not None and e <= b)
        if days >= 91:
            out.append((year, b))
    return out


def oc2_row(child: Child, year: int, years: YearEnds, rng: random.Random) -> str | None:
    """The child's OC2 row at P = 31 March `year`, or None when not in the cohort.

    The cohort is DfE's "looked after continuously" (dbt macro oc2_cohort) in terms of the
    child's periods of care, each of which starts with RNE S and ends with a REC other than
    X1: a period during the year, none starting after 1 April or ending before 31 March,
    and no short break in the year. tests/transform/test_generated_la.py checks it equals
    the cohort dbt derives from the Mosaic extract."""
    p, ws = years.end[year], years.start[year]
    during = [
        period
        for period in child.periods
        if period.start <= p and (period.end is None or period.end >= ws)
    ]
    if (
        not during
        or any(period.short_break for period in during)
        or any(ws < period.start <= p for period in child.periods)
        or any(period.end is not None and ws <= period.end < p for period in child.periods)
    ):
        return None
    assessment = teeth = 0
    immunisation: tuple[int, str] | None = None
    sdq: tuple[int, str] | None = None
    for kind, day, result in child.health:
        if kind == "IMMUNISATION_STATUS":
            if day <= p and (immunisation is None or day > immunisation[0]):
                immunisation = (day, result)
        elif ws <= day <= p:
            if kind == "HEALTH_ASSESSMENT":
                assessment = 1
            elif kind == "DENTAL_CHECK":
                teeth = 1
            elif kind == "SDQ" and (sdq is None or day > sdq[0]):
                sdq = (day, result)
    immunised = 1 if immunisation is not None and immunisation[1] == "Y" else 0
    age = (p - child.dob) / 365.25
    r = rng.random
    if sdq is not None:
        score, reason = sdq[1], ""
    else:
        score = ""
        reason = "SDQ1" if age < 4 or age >= 17 else ("SDQ4", "SDQ2", "SDQ5", "SDQ3")[int(r() * 4)]
    convicted = ("1" if r() < F.CONVICTED_10_PLUS else "0") if age >= 10 else ""
    health_check = ("1" if r() < F.HEALTH_CHECK_UNDER_5 else "0") if age < 5 else ""
    misuse = "1" if age >= 10 and r() < F.SUBSTANCE_MISUSE else "0"
    received = offered = ""
    if misuse == "1":
        received = "1" if r() < 0.41 else "0"
        offered = "1" if received == "1" or r() < 0.75 else "0"
    dob = years.dates.fmt(child.dob)
    return (
        f"{child.person_id},{dob},{score},{reason},{convicted},{health_check},{immunised},"
        f"{teeth},{assessment},{misuse},{received},{offered}"
    )


def child_returns(
    child: Child,
    episodes: list[Episode],
    years: YearEnds,
    out: dict[tuple[int, str], list[str]],
    rng: random.Random,
) -> None:
    """Append the child's rows of every collection year to `out[(year, file)]`."""
    fmt = years.dates.fmt
    cy = years.dates.cy
    last_year = years.last_year
    cid = child.person_id
    dob = fmt(child.dob)
    in_header: set[int] = set()
    for ep in episodes:
        first = cy(ep.decom)
        final = cy(ep.dec) if ep.dec is not None else last_year
        decom = fmt(ep.decom)
        tail = f"{ep.home_post},{ep.pl_post},{ep.urn}"
        for year in range(first, final + 1):
            place = year_codes("PLACE", year).get(ep.place, ep.place)
            head = f"{cid},{decom},{ep.rne},{ep.ls},{ep.cin},{place},{ep.provider}"
            in_header.add(year)
            if ep.dec is not None and year == final:
                row = f"{head},{fmt(ep.dec)},{ep.rec},{ep.reason_place_change},{tail}"
            else:
                row = f"{head},,,,{tail}"
            out[(year, "episodes")].append(row)
    for year, birthday in oc3_birthdays(child, years):
        in_touch, activity, accommodation = oc3_status(child, birthday)
        out[(year, "oc3")].append(f"{cid},{dob},{in_touch},{activity},{accommodation}")
        in_header.add(year)
    for year in sorted(in_header):
        sex = LEGACY_SEX.get(child.sex, child.sex) if year <= LAST_LEGACY_SEX_YEAR else child.sex
        out[(year, "header")].append(f"{cid},{sex},{dob},{child.ethnicity},{child.upn},,")
        if child.uasc and (child.duc is None or child.duc >= years.start[year]):
            duc = child.duc if child.duc is not None and child.duc <= years.end[year] else None
            out[(year, "uasc")].append(f"{cid},{sex},{dob},{fmt(duc)}")
        if year in years.complete:
            row = oc2_row(child, year, years, rng)
            if row is not None:
                out[(year, "oc2")].append(row)
    for kind, start, end in child.missing:
        year = cy(start)
        mis_end = fmt(end) if end is not None and end <= years.end[year] else ""
        out[(year, "missing")].append(f"{cid},{dob},{MISSING_CODE[kind]},{fmt(start)},{mis_end}")
    for day, code in child.reviews:
        out[(cy(day), "reviews")].append(f"{cid},{dob},{fmt(day)},{code}")
