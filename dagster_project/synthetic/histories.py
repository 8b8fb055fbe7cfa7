"""One child's care history, simulated forward and cut at the extract date.

A history is what a Mosaic extract holds about a child: periods of care, each tiled exactly
by legal statuses and placements, plus health events, reviews, missing incidents and care
leaver contacts. The simulation runs past `as_at` and is then cut there, so an open period
looks exactly as it would in a real extract (blank END_DATE, no REASON_ENDED).

Plain Python on integer day ordinals: per-child logic (routes through care, same-carer
moves, temporary placements) does not vectorise, and a lean loop does a child in well under
a millisecond. `random.Random` is seeded per chunk of children, so the same seed gives the
same histories whatever the number of worker processes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass, field

from dagster_project.codes import year_codes
from dagster_project.synthetic import figures as F
from dagster_project.synthetic.dates import add_months_ord, birthday_ord
from dagster_project.synthetic.places import PostcodePools

YEAR = 365.25
U_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
GENDER_U_FROM = dt.date(2024, 4, 1).toordinal()  # legacy SEX (1/2) has no code for U
# DfE's placement codes change (dbt/seeds/code_lists.csv): K3 (supported accommodation)
# exists from 2024-25, before which such a placement is H5; H5, P2 and Z1 end with 2024-25
# (K3 and Z11 from 2025-26). A new placement is recorded with the codes of its start's
# year; one open across a change keeps its code in the extract (each year's return codes it
# as that year's list does: codes.year_codes).
RETURNED_HOME = frozenset({"E4A", "E4B", "E13", "E8", "E41"})
FOSTER = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
CONNECTED = frozenset({"U1", "U2", "U3"})
SHORT_BREAK = frozenset({"V3", "V4"})


class Choice:
    """Weighted draw from (value, weight) pairs with one uniform number."""

    __slots__ = ("cum", "total", "values")

    def __init__(self, pairs: tuple[tuple[str, float], ...]) -> None:
        self.values = [v for v, _ in pairs]
        self.cum: list[float] = []
        running = 0.0
        for _, weight in pairs:
            running += weight
            self.cum.append(running)
        self.total = running

    def __call__(self, u: float) -> str:
        i = bisect.bisect_right(self.cum, u * self.total)
        return self.values[min(i, len(self.values) - 1)]


def _ages(table: dict[int, object]) -> tuple[tuple[int, object], ...]:
    return tuple(sorted(table.items()))


def _by_age(table: tuple[tuple[int, object], ...], age: float) -> object:
    """The entry of an age table whose lower bound is the largest not above `age`."""
    best = table[0][1]
    for lower, value in table:
        if age < lower:
            break
        best = value
    return best


ETHNICITY = Choice(F.ETHNICITY)
UASC_ETHNICITY = Choice(F.UASC_ETHNICITY)
GENDER = Choice(F.GENDER)
CIN = Choice(F.CIN)
ROUTES = _ages({age: Choice(pairs) for age, pairs in F.ROUTES.items()})
PLACEMENTS = _ages({age: Choice(pairs) for age, pairs in F.PLACEMENTS.items()})
UASC_PLACEMENTS = _ages({age: Choice(pairs) for age, pairs in F.UASC_PLACEMENTS.items()})
MOVES_PER_YEAR = _ages(dict(F.MOVES_PER_YEAR))
MISSING_PRONE = _ages(F.MISSING_PRONE)
AWAY_PRONE = _ages(F.AWAY_PRONE)
TEMPORARY = Choice(F.TEMPORARY)
RPC = Choice(F.REASON_PLACE_CHANGE)
FOSTER_PROVIDER = Choice(F.FOSTER_PROVIDER)
REC_SHORT = Choice(F.REC_SHORT)
REC_AT_18 = Choice(F.REC_AT_18)
REC_SGO_FOSTER = Choice(F.REC_SGO_FOSTER)
REC_SGO_OTHER = Choice(F.REC_SGO_OTHER)
REC_ADOPTED = Choice(F.REC_ADOPTED)
REC_YJ = Choice(F.REC_YJ)
REC_UASC_EARLY = Choice(F.REC_UASC_EARLY)
PARTICIPATION = Choice(F.PARTICIPATION)
IN_TOUCH = Choice(F.IN_TOUCH)
ACTIVITY_17_18 = Choice(F.ACTIVITY_17_18)
ACTIVITY_19_21 = Choice(F.ACTIVITY_19_21)
ACCOM_17_18 = Choice(F.ACCOMMODATION_TYPE_17_18)
ACCOM_19_21 = Choice(F.ACCOMMODATION_TYPE_19_21)
ENTRY_AGE = Choice(tuple((f"{lo},{hi}", w) for lo, hi, w in F.ENTRY_AGE_BANDS))
LA_FOSTERING_URN = "SC058310"  # the LA's own fostering service (synthetic URN)


@dataclass(slots=True)
class Placement:
    """One Mosaic placement row (dates are ordinals; `end` None while open)."""

    placement_id: str
    start: int
    end: int | None
    place: str
    provider: str
    carer: str
    postcode: str
    urn: str
    reason_change: str = ""

    def same_setting(self, other: Placement) -> bool:
        return (self.place, self.provider, self.carer, self.postcode, self.urn) == (
            other.place,
            other.provider,
            other.carer,
            other.postcode,
            other.urn,
        )


@dataclass(slots=True)
class LegalStatus:
    legal_status_id: str
    code: str
    start: int
    end: int | None


@dataclass(slots=True)
class Period:
    """One Mosaic period of care with the rows that tile it."""

    period_id: str
    start: int
    end: int | None
    cin: str
    reason_ended: str
    home_postcode: str
    legal_statuses: list[LegalStatus]
    placements: list[Placement]

    @property
    def short_break(self) -> bool:
        return self.legal_statuses[0].code in SHORT_BREAK


@dataclass(slots=True)
class Child:
    """Everything the extract says about one child, cut at `as_at`."""

    person_id: str
    sex: str  # canonical M/F/U
    gender_text: str  # as Mosaic exports it
    dob: int
    ethnicity: str
    upn: str
    uasc: bool
    duc: int | None  # date UASC status ceased (18th birthday), None if not UASC
    periods: list[Period] = field(default_factory=list)
    health: list[tuple[str, int, str]] = field(default_factory=list)
    missing: list[tuple[str, int, int | None]] = field(default_factory=list)
    contacts: list[tuple[int, str, str, str]] = field(default_factory=list)
    reviews: list[tuple[int, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Segment:
    """A placement before cutting and numbering."""

    start: int
    place: str
    provider: str
    carer: str
    postcode: str
    urn: str
    reason_change: str = ""

    def setting(self) -> tuple[str, str, str, str, str]:
        return (self.place, self.provider, self.carer, self.postcode, self.urn)


def _codes_of_their_time(segments: list[_Segment], e: int) -> list[_Segment]:
    """Each placement coded as DfE's list of the year it starts in allows."""
    for seg in segments:
        day = dt.date.fromordinal(seg.start)
        year = day.year + 1 if (day.month, day.day) > (3, 31) else day.year
        seg.place = year_codes("PLACE", year).get(seg.place, seg.place)
    return segments


def upn(rng: random.Random, la_number: str) -> str:
    """A well-formed unique pupil number (DfE check letter, LA number, school, serial)."""
    body = la_number + f"{rng.randrange(10_000):04d}" + f"{rng.randrange(100):02d}"
    body += f"{rng.randrange(1000):03d}"
    total = sum(int(ch) * weight for ch, weight in zip(body, range(2, 14), strict=True))
    return U_CHECK_LETTERS[total % 23] + body


class HistoryMaker:
    """Simulates the children of one chunk from one seeded random stream."""

    def __init__(
        self,
        rng: random.Random,
        as_at: int,
        window_start: int,
        window_days: int,
        places: PostcodePools,
        la_number: str,
        carers: int,
    ) -> None:
        self.rng = rng
        self.r = rng.random
        self.as_at = as_at
        self.window_start = window_start
        self.window_days = window_days
        self.places = places
        self.la_number = la_number
        # Carers and settings shared by the chunk's children (one pool per chunk keeps
        # chunks independent of each other and of the worker count).
        self.foster_carers = []
        for _ in range(max(carers, 4)):
            provider = FOSTER_PROVIDER(self.r())
            urn = LA_FOSTERING_URN if provider == "PR1" else f"SC{rng.randrange(400000, 400090)}"
            carer = f"FC{rng.randrange(10**8):08d}"
            self.foster_carers.append((carer, provider, self.placement_postcode(), urn))
        self.homes = [
            (f"SC{rng.randrange(10**6):06d}", "PR4" if self.r() < 0.8 else "PR1",
             self.placement_postcode())
            for _ in range(max(carers // 4, 3))
        ]  # fmt: skip
        self.supported = [
            (f"2{rng.randrange(10**6):06d}", self.placement_postcode())
            for _ in range(max(carers // 6, 3))
        ]
        self._serial = 0

    def uni(self, low: int, high: int) -> int:
        """Uniform integer in [low, high] (one draw; faster than Random.randint)."""
        return low + int(self.r() * (high - low + 1))

    # -- places ----------------------------------------------------------------------
    def _tidy(self, postcode: str) -> str:
        u = self.r()
        if u < F.POSTCODE_NO_SPACE:
            return postcode.replace(" ", "")
        if u < F.POSTCODE_NO_SPACE + F.POSTCODE_LOWER:
            return postcode.lower()
        return postcode

    def _pick(self, pool: tuple[str, ...]) -> str:
        return pool[int(self.r() * len(pool))]

    def home_postcode(self) -> str:
        u = self.r()
        if u < F.HOME_POSTCODE_BLANK:
            return ""
        if u < F.HOME_POSTCODE_BLANK + F.HOME_POSTCODE_INVALID:
            return self._pick(self.places.invalid)
        pool = self.places.home if self.r() < F.HOME_IN_LA else self.places.near_out_la
        return self._tidy(self._pick(pool))

    def placement_postcode(self, far: float = F.PLACEMENT_FAR) -> str:
        u = self.r()
        if u < F.PLACEMENT_POSTCODE_BLANK:
            return ""
        u -= F.PLACEMENT_POSTCODE_BLANK
        if u < F.PLACEMENT_POSTCODE_INVALID:
            return self._pick(self.places.invalid)
        if self.r() < far:
            pool = self.places.far
        elif self.r() < F.PLACEMENT_IN_LA:
            pool = self.places.near_in_la
        else:
            pool = self.places.near_out_la
        return self._tidy(self._pick(pool))

    def _new_id(self, prefix: str, person_id: str) -> str:
        self._serial += 1
        return f"{prefix}{person_id}{self._serial:03d}"

    def setting(
        self,
        place: str,
        child: Child,
        home: str,
        previous: _Segment | None,
        same_carer: bool = False,
    ) -> _Segment:
        """Provider, carer, postcode and URN of a new placement of type `place`."""
        r = self.r
        if same_carer and previous is not None:
            urn = "" if place.startswith("A") else previous.urn
            return _Segment(0, place, previous.provider, previous.carer, previous.postcode, urn)
        if place in ("U4", "U5", "U6"):
            carer, provider, postcode, urn = self.foster_carers[int(r() * len(self.foster_carers))]
            return _Segment(0, place, provider, carer, postcode, urn)
        if place in CONNECTED:
            return _Segment(
                0, place, "PR1", self._new_id("RC", child.person_id),
                self.placement_postcode(far=0.2), LA_FOSTERING_URN,
            )  # fmt: skip
        if place in ("A3", "A4", "A5", "A6"):
            provider = "PR1" if r() < 0.6 else ("PR2" if r() < 0.5 else "PR4")
            return _Segment(
                0, place, provider, self._new_id("AD", child.person_id),
                self.placement_postcode(far=0.4), "",
            )  # fmt: skip
        if place in ("K1", "K2", "S1", "R1", "R2"):
            urn, provider, postcode = self.homes[int(r() * len(self.homes))]
            if place == "K1":
                return _Segment(0, place, "PR1", "", self.placement_postcode(far=0.8), urn)
            return _Segment(0, place, provider, "", postcode, urn)
        if place == "K3":
            urn, postcode = self.supported[int(r() * len(self.supported))]
            return _Segment(0, place, "PR4", "", postcode, urn)
        if place == "P1":
            return _Segment(0, place, "PR0", "", home, "")
        if place == "R5":
            return _Segment(0, place, "PR3", "", self.placement_postcode(far=0.9), "")
        if place.startswith("T"):
            if place == "T1":
                return _Segment(0, place, "PR3", "", self.placement_postcode(far=0.0), "")
            if place == "T2":
                postcode = "" if r() < 0.5 else self.placement_postcode(far=1.0)
                return _Segment(0, place, "PR0", "", postcode, "")
            return _Segment(0, place, "PR1", "", self.placement_postcode(far=0.1), "")
        provider = "PR4" if r() < 0.6 else "PR1"
        return _Segment(0, place, provider, "", self.placement_postcode(far=0.1), "")

    # -- the child -------------------------------------------------------------------
    def child(self, index: int) -> Child:
        r = self.r
        person_id = str(1_000_000 + index)
        first_start = self.window_start + int(r() * self.window_days)
        short_breaks = r() < F.SHORT_BREAK_SHARE_OF_CHILDREN
        uasc = not short_breaks and r() < F.UASC_SHARE_OF_CHILDREN
        if uasc:
            age_days = int((14.0 + r() * 3.7) * YEAR)
        elif short_breaks:
            age_days = int((3.0 + r() * 12.0) * YEAR)
        else:
            lo, hi = (float(x) for x in ENTRY_AGE(r()).split(","))
            age_days = int((lo + r() * (hi - lo)) * YEAR)
        dob = first_start - age_days
        if uasc:
            sex = "M" if r() < F.UASC_MALE else "F"
        else:
            sex = GENDER(r())
            if sex == "U" and first_start < GENDER_U_FROM:
                sex = "M" if r() < 0.56 else "F"
        if r() < F.GENDER_LONG_FORM:
            text = {"M": "Male", "F": "Female", "U": "Unknown"}[sex]
        else:
            text = sex
        ethnicity = UASC_ETHNICITY(r()) if uasc else ETHNICITY(r())
        b18 = birthday_ord(dob, 18)
        child = Child(
            person_id=person_id,
            sex=sex,
            gender_text=text,
            dob=dob,
            ethnicity=ethnicity,
            upn="" if (uasc and r() < 0.6) or r() < 0.04 else upn(self.rng, self.la_number),
            uasc=uasc,
            duc=b18 if uasc else None,
        )
        self._serial = 0
        if short_breaks:
            self._short_breaks(child, first_start, b18)
        else:
            self._periods(child, first_start, b18)
        self._leaving_care(child)
        return child

    def _periods(self, child: Child, start: int, b18: int) -> None:
        r = self.r
        home = self.home_postcode()
        cin = "N8" if child.uasc else CIN(r())
        k = 0
        while start <= self.as_at and start < b18:
            age = (start - child.dob) / YEAR
            route = "uasc" if child.uasc else _by_age(ROUTES, age)(r())  # type: ignore[operator]
            k += 1
            end, reason = self._period(child, k, start, route, cin, home, b18)
            if end is None or reason not in RETURNED_HOME or r() >= F.RE_ENTRY:
                return
            start = end + 7 + int(self.rng.expovariate(1 / 400))
            if (start - child.dob) / YEAR > 17.3:
                return
            cin = CIN(r())
            if r() < 0.3:
                home = self.home_postcode()

    def _period(
        self, child: Child, k: int, s: int, route: str, cin: str, home: str, b18: int
    ) -> tuple[int | None, str]:
        """Simulate one period of care from `s`; add it (cut at as_at) to the child."""
        r, rng = self.r, self.rng
        uni = self.uni
        ls: list[tuple[int, str]] = []
        fixed: list[tuple[int, str, str]] = []  # (date, place, reason) route-driven moves
        random_moves_until: int | None = None
        first_place: str | None = None
        if route == "short":
            e = s + 1 + int(rng.expovariate(1 / 150))
            ls = [(s, "V2" if r() < 0.75 else "C1")]
            rec = REC_SHORT(r())
        elif route == "long":
            c1 = s
            if r() < 0.2:
                ls.append((s, "V2"))
                c1 = s + uni(30, 180)
            ls += [(c1, "C1"), (c1 + uni(150, 400), "C2")]
            if r() < 0.55:
                e, rec = b18, ""
            else:
                e = s + 180 + int(rng.expovariate(1 / (4 * YEAR)))
                rec = "E4A" if r() < 0.4 else ("E41" if r() < 0.5 else "SGO")
        elif route == "sgo":
            ls = [(s, "C1"), (s + uni(150, 400), "C2")]
            e = s + uni(300, 1200)
            rec = "SGO"
            first_place = "U3" if r() < 0.7 else "U6"
            if first_place == "U3" and r() < 0.4:
                # The relative becomes the long-term carer (same carer, status only), half
                # the time on the day the care order is made (RNE U).
                day = ls[1][0] if r() < 0.5 else s + uni(60, 250)
                fixed.append((day, "U1", "PLACE"))
        elif route == "adopt":
            t_e1 = s + uni(240, 480)
            ls = [(s, "C1"), (t_e1, "E1")]
            ffa = r() < 0.35
            first_place = "U5" if ffa else "U6"
            if r() < 0.12:  # adoption plan changed: long-term care instead
                e = t_e1 + 200 + int(rng.expovariate(1 / (3 * YEAR)))
                rec = "SGO" if r() < 0.6 else "E41"
                random_moves_until = None if not ffa else s
            else:
                if ffa:
                    t_pa = t_e1 if r() < 0.4 else t_e1 + uni(20, 200)
                    fixed.append((t_pa, "A5", "CARPL"))
                    random_moves_until = s
                else:
                    t_pa = t_e1 + uni(30, 240)
                    fixed.append((t_pa, "A6", "CARPL"))
                    random_moves_until = t_pa
                e = t_pa + uni(100, 400)
                rec = REC_ADOPTED(r())
        elif route == "teen":
            if r() < 0.8:
                ls = [(s, "V2")]
            else:
                c1 = s + uni(20, 200)
                ls = [(s, "V2"), (c1, "C1"), (c1 + uni(150, 400), "C2")]
            e = s + 1 + int(rng.expovariate(1 / 550))
            rec = REC_SHORT(r())
        elif route == "yj":
            u = r()
            if u < 0.7:
                code, e = "J1", s + uni(5, 120)
                first_place = ("R5", "K1", "K2", "U6")[min(int(r() * 4), 3)]
            elif u < 0.95:
                code, e = "J2", s + uni(1, 3)
                first_place = "U6" if r() < 0.5 else "K2"
            else:
                code, e = "J3", s + uni(30, 180)
            ls = [(s, code)]
            rec = REC_YJ(r())
        else:  # uasc
            ls = [(s, "V2")]
            if r() < 0.85:
                e, rec = b18, ""
            else:
                e = s + uni(30, 700)
                rec = REC_UASC_EARLY(r())
        if e >= b18:
            e, rec = b18, REC_AT_18(r())
        elif rec == "":
            rec = REC_AT_18(r())
        if route not in ("yj", "uasc") and r() < F.POLICE_PROTECTION_FIRST:
            days = uni(1, 3)
            if s + days < e and (len(ls) < 2 or ls[1][0] > s + days):
                ls = [(s, "L1" if r() < 0.7 else "L2"), (s + days, ls[0][1]), *ls[1:]]
                if r() < 0.5 and not fixed:  # emergency carer to a planned one, same day
                    fixed.append((s + days, self._place_for(child, s + days, route), "CARPL"))
        ls = self._clean_legal(ls, e)
        segments = self._placements(
            child, s, e, home, first_place, fixed, random_moves_until, ls, route
        )
        if rec == "SGO":
            last = segments[-1].place
            rec = REC_SGO_FOSTER(r()) if last in FOSTER else REC_SGO_OTHER(r())
        self._add_period(child, k, s, e, cin, rec, home, ls, segments)
        self._in_care_events(child, s, e)
        return (e if e <= self.as_at else None), rec

    @staticmethod
    def _clean_legal(ls: list[tuple[int, str]], e: int) -> list[tuple[int, str]]:
        """Changes strictly inside the period, increasing, never to the same code."""
        out: list[tuple[int, str]] = []
        for day, code in ls:
            if out and (day <= out[-1][0] or day >= e or code == out[-1][1]):
                continue
            out.append((day, code))
        return out

    def _place_for(self, child: Child, day: int, route: str) -> str:
        age = (day - child.dob) / YEAR
        table = UASC_PLACEMENTS if child.uasc else PLACEMENTS
        return _by_age(table, age)(self.r())  # type: ignore[operator]

    def _placements(
        self,
        child: Child,
        s: int,
        e: int,
        home: str,
        first_place: str | None,
        fixed: list[tuple[int, str, str]],
        random_moves_until: int | None,
        ls: list[tuple[int, str]],
        route: str,
    ) -> list[_Segment]:
        r, rng = self.r, self.rng
        place = first_place or self._place_for(child, s, route)
        first = self.setting(place, child, home, None)
        first.start = s
        segments = [first]
        stop = e if random_moves_until is None else min(random_moves_until, e)
        # Random moves (the place is drawn when the move happens) and the route's own moves,
        # in date order; a route move wins a day both want.
        moves: dict[int, tuple[str, str] | None] = {}
        t = s
        while True:
            age = (t - child.dob) / YEAR
            rate = _by_age(MOVES_PER_YEAR, age)
            # Placements are most fragile in their first year; one that lasts settles, and
            # moves at a fraction of the rate (memoryless, so the rest is drawn afresh).
            gap = rng.expovariate(rate / YEAR)  # type: ignore[operator]
            if gap > F.SETTLING_DAYS:
                gap = F.SETTLING_DAYS + rng.expovariate(rate * F.SETTLED_FACTOR / YEAR)  # type: ignore[operator]
            t += 1 + int(gap)
            if t >= stop:
                break
            moves[t] = None
        for day, place, reason in fixed:
            if s < day < e:
                moves[day] = (place, reason)
        for day in sorted(moves):
            planned = moves[day]
            if planned is None:
                self._move(child, segments, day, self._place_for(child, day, route), home, RPC(r()))
                continue
            place, reason = planned
            previous = segments[-1].place
            same = place == "A5" or (reason == "PLACE" and previous == "U3")
            if reason == "PLACE" and not same:
                continue  # the relative placement had already ended
            self._move(child, segments, day, place, home, reason, same_carer=same)
        # Short-term foster carer becomes the long-term carer: same carer, status only.
        split: list[_Segment] = []
        for i, seg in enumerate(segments):
            end = segments[i + 1].start if i + 1 < len(segments) else e
            split.append(seg)
            if seg.place == "U6" and end - seg.start > 200 and r() < F.FOSTER_LONG_TERM:
                mid = seg.start + (end - seg.start) // 2
                split.append(
                    _Segment(mid, "U4", seg.provider, seg.carer, seg.postcode, seg.urn,
                             seg.reason_change)
                )  # fmt: skip
                seg.reason_change = "PLACE"
        segments = split
        # Temporary stays (hospital, holiday, respite): the child returns to the same carer,
        # as a new placement row.
        out: list[_Segment] = []
        for i, seg in enumerate(segments):
            end = segments[i + 1].start if i + 1 < len(segments) else e
            out.append(seg)
            if end - seg.start >= 40 and r() < F.TEMPORARY_PLACEMENT:
                t1 = seg.start + self.uni(10, end - seg.start - 25)
                temp_place = TEMPORARY(r())
                t2 = t1 + (self.uni(1, 7) if temp_place == "T4" else self.uni(1, 14))
                temp = self.setting(temp_place, child, home, seg)
                temp.start, temp.reason_change = t1, "OTHER"
                back = _Segment(
                    t2, seg.place, seg.provider, seg.carer, seg.postcode, seg.urn,
                    seg.reason_change,
                )  # fmt: skip
                seg.reason_change = "OTHER"
                out += [temp, back]
        return _codes_of_their_time(out, e)

    def _move(
        self,
        child: Child,
        segments: list[_Segment],
        day: int,
        place: str,
        home: str,
        reason: str,
        same_carer: bool = False,
    ) -> None:
        previous = segments[-1]
        for _ in range(4):
            new = self.setting(place, child, home, previous, same_carer)
            if new.setting() != previous.setting():
                break
            place = self._place_for(child, day, "")
        else:
            return
        new.start = day
        previous.reason_change = reason
        segments.append(new)

    def _add_period(
        self,
        child: Child,
        k: int,
        s: int,
        e: int,
        cin: str,
        rec: str,
        home: str,
        ls: list[tuple[int, str]],
        segments: list[_Segment],
    ) -> None:
        """Cut at as_at and number the rows: nothing after as_at exists in the extract."""
        as_at = self.as_at
        if s > as_at:
            return
        pid = child.person_id
        period_id = f"{pid}{k:02d}"
        open_end = None if e > as_at else e
        legal = []
        for i, (day, code) in enumerate(ls):
            if day > as_at:
                break
            end = ls[i + 1][0] if i + 1 < len(ls) else e
            self._serial += 1
            legal.append(
                LegalStatus(f"{pid}{self._serial:03d}", code, day, None if end > as_at else end)
            )
        placements = []
        for i, seg in enumerate(segments):
            if seg.start > as_at:
                break
            end = segments[i + 1].start if i + 1 < len(segments) else e
            ended = end <= as_at
            self._serial += 1
            placements.append(
                Placement(
                    f"{pid}{self._serial:03d}",
                    seg.start,
                    end if ended else None,
                    seg.place,
                    seg.provider,
                    seg.carer,
                    seg.postcode,
                    seg.urn,
                    seg.reason_change if ended and i + 1 < len(segments) else "",
                )
            )
        child.periods.append(
            Period(
                period_id, s, open_end, cin, rec if open_end is not None else "", home,
                legal, placements,
            )
        )  # fmt: skip

    def _short_breaks(self, child: Child, start: int, b18: int) -> None:
        """A disabled child's agreed series of short breaks: many short V3 periods or V4."""
        r = self.r
        home = self.home_postcode()
        place = "K2" if r() < 0.5 else "U6"
        setting = self.setting(place, child, home, None)
        agreement = r() < 0.3
        s = start
        for k in range(1, 30):
            if s > self.as_at or s >= b18:
                break
            e = min(s + (self.uni(60, 300) if agreement else self.uni(1, 4)), b18)
            code = "V4" if agreement else "V3"
            seg = _Segment(s, *setting.setting())
            self._add_period(child, k, s, e, "N2", "E4A" if r() < 0.8 else "E13", home,
                             [(s, code)], [seg])  # fmt: skip
            s = e + self.uni(20, 90)

    # -- events while in care ---------------------------------------------------------
    def _in_care_events(self, child: Child, s: int, e: int) -> None:
        r, uni = self.r, self.uni
        stop = min(e, self.as_at + 1)
        dob = child.dob
        health = child.health
        t = s + uni(10, 40)
        while t < stop:
            under_5 = (t - dob) < 5 * YEAR
            if r() < F.HEALTH_ASSESSMENT:
                health.append(("HEALTH_ASSESSMENT", t, ""))
                health.append(("IMMUNISATION_STATUS", t, "Y" if r() < F.IMMUNISED else "N"))
            t += uni(150, 190) if under_5 else uni(300, 375)
        t = s + uni(30, 150)
        while t < stop:
            if (t - dob) >= YEAR and r() < F.DENTAL_CHECK:
                health.append(("DENTAL_CHECK", t, ""))
            t += uni(160, 375)
        t = s + uni(60, 200)
        while t < stop:
            age = (t - dob) / YEAR
            if 4 <= age < 17 and r() < F.SDQ_RETURNED:
                score = round(self.rng.gauss(F.SDQ_MEAN, F.SDQ_SD))
                health.append(("SDQ", t, str(min(40, max(0, score)))))
            t += uni(330, 380)
        # reviews: within 20 working days, then 3 months, then every 6 months
        t = s + uni(14, 28)
        gap = uni(60, 90)
        while t < stop:
            age = (t - dob) / YEAR
            child.reviews.append((t, "PN0" if age < 4 else PARTICIPATION(r())))
            t += gap
            gap = uni(150, 182)
        # missing and away from placement
        start_age = (s - dob) / YEAR
        for kind, prone, rate in (
            ("MISSING", MISSING_PRONE, F.MISSING_RATE_PER_YEAR),
            ("ABSENT", AWAY_PRONE, F.AWAY_RATE_PER_YEAR),
        ):
            if r() >= _by_age(prone, max(start_age, 10.0)):  # type: ignore[operator]
                continue
            t = max(s, dob + int(10 * YEAR))
            while True:
                t += 1 + int(self.rng.expovariate(rate / YEAR))
                if t >= stop:
                    break
                end = t + (0 if r() < 0.45 else uni(1, 4))
                child.missing.append((kind, t, end if end <= self.as_at else None))

    def _leaving_care(self, child: Child) -> None:
        """Contacts with a former relevant young person around (and away from) birthdays."""
        care = [p for p in child.periods if not p.short_break]
        if not care or care[-1].end is None:
            return
        left = care[-1].end
        dob = child.dob
        b14, b16 = birthday_ord(dob, 14), birthday_ord(dob, 16)
        if left < b16:
            return
        days = sum(max(0, p.end - max(p.start, b14)) for p in care if p.end is not None)
        if days < 91:
            return
        r, uni = self.r, self.uni
        for age in range(17, 22):
            b = birthday_ord(dob, age)
            if b < left:
                continue
            if add_months_ord(b, -3) > self.as_at:
                break
            if r() < F.CONTACT_NEAR_BIRTHDAY:
                day = max(b + uni(-85, 28), left)
                if day <= self.as_at:
                    child.contacts.append(self._contact(day, age))
            if r() < F.CONTACT_FAR_FROM_BIRTHDAY:
                day = b + uni(45, 240)
                if day <= self.as_at:
                    child.contacts.append(self._contact(day, age))

    def _contact(self, day: int, age: int) -> tuple[int, str, str, str]:
        r = self.r
        in_touch = IN_TOUCH(r())
        if in_touch != "YES":
            return (day, in_touch, "", "")
        young = age <= 18
        accom = (ACCOM_17_18 if young else ACCOM_19_21)(r())
        suitable = r() < F.ACCOMMODATION_SUITABLE and accom not in F.ALWAYS_UNSUITABLE
        accom += "1" if suitable else "2"
        activity = (ACTIVITY_17_18 if young else ACTIVITY_19_21)(r())
        return (day, in_touch, accom, activity)
