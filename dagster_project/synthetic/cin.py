"""Children in need and child protection histories (spec/inputs.md §6), in both forms.

Two kinds of child have CIN records:

- every child who comes into care (the histories of `histories.py`): a referral before each
  period of care that does not continue an open episode (mostly weeks or months before;
  within days for emergencies; on arrival for UASC), its assessment, often a section 47
  enquiry and a protection plan that ends when the child comes into care, an episode that
  stays open while the child is looked after and closes when care ends (after months of
  support at home when the child went home); some were referred before that too. Children
  on short breaks are disabled children in need with a CIN plan to their 18th birthday.
- many children in need who never come into care (`--cin-ratio` per child who does): one
  or more referrals, most assessed, about four in ten found not in need, the others
  supported on a CIN plan or, after an enquiry and a conference, a protection plan.

Everything is simulated past `as_at` and cut there, as the care histories are. The same
record gives the Mosaic rows (referrals, assessments, section47_enquiries, cin_plans,
child_protection_plans, disabilities, and persons for children never in care) and each census
year's `Child` element (`census_child`), so both forms say the same thing. Dates are day
ordinals; the random stream is the chunk's own, separate from the care histories', so the
CLA files are byte for byte what they were before CIN records existed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from dagster_project.synthetic import figures as F
from dagster_project.synthetic.dates import DateTable, birthday_ord, year_start
from dagster_project.synthetic.histories import (
    ETHNICITY,
    GENDER,
    U_CHECK_LETTERS,
    YEAR,
    Child,
    Choice,
)

SOURCE = Choice(F.REFERRAL_SOURCE)
NEED = Choice(F.PRIMARY_NEED)
FACTOR = Choice(F.FACTORS)
CATEGORY = Choice(F.CPP_CATEGORY)
DISABILITY = Choice(F.DISABILITY)
CIN_AGE = Choice(tuple((f"{lo},{hi}", w) for lo, hi, w in F.CIN_AGE_BANDS))
RETURNED_HOME = frozenset({"E4A", "E4B", "E13", "E8"})
REASON_BY_REC = {
    "E11": "RC1", "E12": "RC1", "E2": "RC2", "E41": "RC3", "E43": "RC4", "E44": "RC4",
    "E45": "RC4", "E46": "RC4", "E47": "RC4", "E48": "RC4", "E3": "RC5", "E7": "RC6",
}  # fmt: skip
LEGACY_GENDER = {"M": "1", "F": "2", "U": "0"}  # <GenderCurrent> up to the 2023-24 census
LONG_GENDER = {"M": "Male", "F": "Female", "U": "Unknown"}  # as some Mosaic sites export it
LAST_GENDER_CURRENT_YEAR = 2024
CIN_ID_BASE = 100_000_000  # PERSON_IDs of children never in care: 100000000 + index
CODE_FROM = {code: year_start(year) for code, year in F.CODE_FROM_YEAR.items()}


def dated(code: str, day: int) -> str:
    """The code as recorded on `day`: a code the census added later is its predecessor."""
    start = CODE_FROM.get(code)
    return F.CODE_BEFORE[code] if start is not None and day < start else code


@dataclass(slots=True)
class Assessment:
    start: int
    authorised: int | None
    factors: tuple[str, ...]


@dataclass(slots=True)
class Enquiry:
    start: int
    icpc: int | None
    not_required: bool


@dataclass(slots=True)
class ProtectionPlan:
    start: int
    end: int | None
    category: str
    previous: int  # the child's plans before this one (census NumberOfPreviousCPP)
    reviews: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Referral:
    """One referral and the CIN episode it opens (a census CINdetails)."""

    date: int
    source: str
    need: str
    nfa: bool
    closure: int | None
    reason: str
    assessments: list[Assessment] = field(default_factory=list)
    enquiries: list[Enquiry] = field(default_factory=list)
    cin_plans: list[tuple[int, int | None]] = field(default_factory=list)
    plans: list[ProtectionPlan] = field(default_factory=list)


@dataclass(slots=True)
class CinRecord:
    """What the CIN data says about one child (cut at as_at)."""

    person_id: str
    sex: str
    gender_text: str
    dob: int
    ethnicity: str
    upn: str
    referrals: list[Referral]
    disabilities: list[str]


def _weekday(day: int) -> int:
    """The day, or the Monday after it when it is a Saturday or Sunday (conferences sit on
    working days: DfE rule 8875)."""
    weekday = (day - 1) % 7  # ordinal 1 (1 January of year 1) was a Monday
    return day + (7 - weekday if weekday >= 5 else 0)


def _days(r: random.Random, mixture: tuple[tuple[float, int, int], ...]) -> int:
    """Days drawn from a mixture of uniform ranges ((share, low, high), ...)."""
    u = r.random()
    for share, low, high in mixture:
        if u < share:
            return low + int(r.random() * (high - low + 1))
        u -= share
    share, low, high = mixture[-1]
    return low + int(r.random() * (high - low + 1))


class CinMaker:
    """Simulates the CIN records of one chunk's children from one seeded random stream."""

    def __init__(self, rng: random.Random, as_at: int, window_start: int, window_days: int,
                 la_number: str) -> None:  # fmt: skip
        self.rng = rng
        self.r = rng.random
        self.as_at = as_at
        self.window_start = window_start
        self.window_days = window_days
        self.la_number = la_number
        # UPN check letters by table (the same rule as histories.upn, without a loop per
        # digit: a child in need is cheap, and there are many)
        self._la_weight = sum(int(d) * w for d, w in zip(la_number, (2, 3, 4), strict=True))
        self._weights = [
            [sum(int(d) * w for d, w in zip(f"{g:03d}", ws, strict=True)) for g in range(1000)]
            for ws in ((5, 6, 7), (8, 9, 10), (11, 12, 13))
        ]

    def upn(self) -> str:
        """A well-formed unique pupil number (DfE check letter, LA number, 9 digits)."""
        n = int(self.r() * 1_000_000_000)
        w1, w2, w3 = self._weights
        total = self._la_weight + w1[n // 1_000_000] + w2[n // 1000 % 1000] + w3[n % 1000]
        return f"{U_CHECK_LETTERS[total % 23]}{self.la_number}{n:09d}"

    def uni(self, low: int, high: int) -> int:
        return low + int(self.r() * (high - low + 1))

    def _factors(self, day: int) -> tuple[str, ...]:
        r = self.r
        first = dated(FACTOR(r()), day)
        if r() < 0.55:
            second = dated(FACTOR(r()), day)
            if second != first:
                return (first, second)
        return (first,)

    def _disabilities(self, at_least: int = 1) -> list[str]:
        codes = [DISABILITY(self.r())]
        while len(codes) < 3 and (len(codes) < at_least or self.r() < 0.3):
            code = DISABILITY(self.r())
            if code not in codes:
                codes.append(code)
        return codes

    def _reviews(self, start: int, end: int) -> list[int]:
        """Plan reviews: within 3 months, then every 6 months while the plan lasts."""
        out = []
        day = start + self.uni(70, 90)
        while day < end:
            out.append(day)
            day += self.uni(160, 182)
        return out

    def _assessment(self, referral: int) -> Assessment:
        start = referral + self.uni(0, 3)
        end = start + _days(self.rng, F.ASSESSMENT_DAYS)
        return Assessment(start, end, self._factors(end))

    def referral(self, day: int, high: bool, plans_before: int) -> Referral:
        """A referral of a child who stays at home (uncut: dates may pass as_at)."""
        r, uni = self.r, self.uni
        source = dated(SOURCE(r()), day)
        if r() < F.CIN_NFA:
            return Referral(day, source, NEED(r()), True, day, "RC8")
        referral = Referral(day, source, NEED(r()), False, None, "")
        assessment = self._assessment(day)
        referral.assessments.append(assessment)
        last = assessment.authorised or day
        conference = False
        if r() < F.CIN_S47[high]:
            start = day + uni(0, 10)
            if r() < F.CIN_ICPC:
                icpc = _weekday(start + _days(self.rng, F.ICPC_DAYS))
                referral.enquiries.append(Enquiry(start, icpc, False))
                conference = True
                last = max(last, icpc)
                if r() < F.CIN_CPP:
                    end = icpc + _days(self.rng, F.CPP_DAYS)
                    referral.plans.append(
                        ProtectionPlan(icpc, end, CATEGORY(r()), plans_before,
                                       self._reviews(icpc, end))
                    )  # fmt: skip
                    last = end
                    if r() < F.CIN_STEP_DOWN:  # not concurrent with the plan (rule 4001)
                        step_end = end + uni(60, 270)
                        referral.cin_plans.append((end + 1, step_end))
                        last = step_end
            else:
                referral.enquiries.append(Enquiry(start, None, True))
                last = max(last, start + uni(10, 40))
        if not referral.plans and not referral.cin_plans:
            if not conference and r() < F.CIN_NOT_IN_NEED[high]:
                referral.closure = last
                referral.reason = "RC8" if r() < 0.6 else dated("RC9", last)
                return referral
            if r() < F.CIN_PLAN:
                plan_start = (assessment.authorised or day) + uni(0, 14)
                plan_end = plan_start + uni(90, 420)
                referral.cin_plans.append((plan_start, plan_end))
                last = max(last, plan_end)
            else:
                last = max(last, (assessment.authorised or day) + uni(30, 300))
        referral.closure = last + uni(5, 60)
        u = r()
        referral.reason = "RC7" if u < 0.93 else ("RC5" if u < 0.98 else "RC3")
        return referral

    # -- children never in care -------------------------------------------------------
    def cin_only(self, index: int) -> CinRecord:
        r, rng = self.r, self.rng
        person_id = str(CIN_ID_BASE + index)
        first = self.window_start + int(r() * self.window_days)
        lo, hi = (float(x) for x in CIN_AGE(r()).split(","))
        dob = first - int((lo + r() * (hi - lo)) * YEAR)
        sex = GENDER(r())
        text = LONG_GENDER[sex] if r() < F.GENDER_LONG_FORM else sex
        ethnicity = ETHNICITY(r())
        pupil = "" if r() < 0.05 or (first - dob) < 3 * YEAR else self.upn()
        high = r() < F.CIN_HIGH_RISK
        disabilities = self._disabilities() if r() < F.CIN_DISABLED else []
        b18 = birthday_ord(dob, 18)
        referrals: list[Referral] = []
        plans = 0
        day = first
        while day <= self.as_at and day < b18:
            referral = self.referral(day, high, plans)
            plans += len(referral.plans)
            referrals.append(referral)
            closed = referral.closure if referral.closure is not None else day
            u = r()
            if u < F.CIN_REREFER_SOON[high] and closed + 1 < day + 364:
                day = closed + 1 + int(r() * (day + 364 - closed - 1))
            elif u < F.CIN_REREFER_SOON[high] + F.CIN_REREFER_LATER[high]:
                day = max(closed, day + 366) + 1 + int(rng.expovariate(1 / 400))
            else:
                break
        return self._cut(CinRecord(person_id, sex, text, dob, ethnicity, pupil, referrals,
                                   disabilities))  # fmt: skip

    # -- children who come into care --------------------------------------------------
    def for_cla(self, child: Child) -> CinRecord:
        r, uni = self.r, self.uni
        b18 = birthday_ord(child.dob, 18)
        care = [p for p in child.periods if not p.short_break]
        breaks = [p for p in child.periods if p.short_break]
        referrals: list[Referral] = []
        disabilities: list[str] = []
        if breaks:  # a disabled child in need, on a CIN plan, short breaks part of it
            disabilities = self._disabilities(at_least=1 + int(r() < 0.5))
            day = max(child.dob, breaks[0].start - uni(30, 150))
            referral = Referral(day, dated(SOURCE(r()), day), "N2", False, b18, "RC6")
            assessment = self._assessment(day)
            referral.assessments.append(assessment)
            referral.cin_plans.append(((assessment.authorised or day) + uni(0, 14), b18))
            referrals.append(referral)
        elif r() < F.CLA_DISABLED:
            disabilities = self._disabilities()
        plans = 0
        if care and r() < F.CLA_PRIOR_REFERRAL:
            day = care[0].start - uni(200, 1100)
            if day > child.dob:
                earlier = self.referral(day, r() < 0.4, 0)
                if earlier.closure is not None and earlier.closure < care[0].start - 30:
                    referrals.append(earlier)
                    plans += len(earlier.plans)
        current: Referral | None = None
        for period in care:
            start = period.start
            if current is None or current.closure is None or current.closure < start:
                current, plans = self._referral_into_care(child, period.start, period.cin,
                                                           referrals, plans)  # fmt: skip
                referrals.append(current)
            else:  # back in care before the episode closed: it goes on; support at home ends
                current.cin_plans = [(a, min(b, start) if b is not None else start)
                                     for a, b in current.cin_plans if a < start]  # fmt: skip
            self._close_after_care(current, period.end, period.reason_ended, b18)
        return self._cut(CinRecord(child.person_id, child.sex, child.gender_text, child.dob,
                                   child.ethnicity, child.upn, referrals,
                                   disabilities))  # fmt: skip

    def _referral_into_care(
        self, child: Child, start: int, need: str, before: list[Referral], plans: int
    ) -> tuple[Referral, int]:
        """The referral whose episode the child comes into care in; plans counted so far."""
        r, uni = self.r, self.uni
        floor = max(child.dob, max((b.closure or b.date) for b in before) + 1 if before else 0)
        if child.uasc:
            day = max(floor, start - uni(0, 2))
            referral = Referral(day, "8", need, False, None, "")
            referral.assessments.append(Assessment(day, day + uni(10, 40), ("9A",)))
            return referral, plans
        if r() < F.CLA_EMERGENCY:
            day = max(floor, start - uni(0, 3))
            source = "6" if r() < 0.6 else dated(SOURCE(r()), day)
            referral = Referral(day, source, need, False, None, "")
            referral.assessments.append(self._assessment(day))
            referral.enquiries.append(Enquiry(day, None, True))
            return referral, plans
        day = max(floor, start - 20 - min(600, int(self.rng.expovariate(1 / 150))))
        referral = Referral(day, dated(SOURCE(r()), day), need, False, None, "")
        assessment = self._assessment(day)
        referral.assessments.append(assessment)
        u = r()
        if u < F.CLA_CPP_BEFORE and start - day >= 30:
            begun = day + uni(0, 5)
            icpc = _weekday(begun + _days(self.rng, F.ICPC_DAYS))
            if icpc < start - 1:
                referral.enquiries.append(Enquiry(begun, icpc, False))
                end = start if r() < 0.7 else start + uni(1, 60)
                referral.plans.append(
                    ProtectionPlan(icpc, end, CATEGORY(r()), plans, self._reviews(icpc, end))
                )
                plans += 1
            else:
                referral.enquiries.append(Enquiry(begun, None, True))
        elif u < F.CLA_CPP_BEFORE + 0.15:
            referral.enquiries.append(Enquiry(day + uni(0, 5), None, True))
        elif (assessment.authorised or start) < start - 14 and r() < 0.5:
            referral.cin_plans.append((assessment.authorised or day, start))
        return referral, plans

    def _close_after_care(self, referral: Referral, end: int | None, rec: str, b18: int) -> None:
        """The episode closes when care ends, or after months of support at home."""
        if end is None:
            referral.closure, referral.reason = None, ""
            return
        if rec in RETURNED_HOME and end < b18:
            closure = min(b18, end + self.uni(30, 240))
            if self.r() < 0.6 and closure > end + 14:
                referral.cin_plans.append((end, closure - self.uni(0, 14)))
            referral.closure, referral.reason = closure, "RC7"
        else:
            referral.closure, referral.reason = min(end, b18), REASON_BY_REC.get(rec, "RC7")

    # -- cut at as_at -----------------------------------------------------------------
    def _cut(self, record: CinRecord) -> CinRecord:
        """Nothing dated after as_at exists; anything ending after it is still open."""
        as_at = self.as_at

        def end(day: int | None) -> int | None:
            return day if day is not None and day <= as_at else None

        kept = []
        for ref in record.referrals:
            if ref.date > as_at:
                continue
            if ref.closure is None or ref.closure > as_at:
                ref.closure, ref.reason = None, ""
            ref.assessments = [
                Assessment(a.start, end(a.authorised), a.factors)
                for a in ref.assessments
                if a.start <= as_at
            ]
            ref.enquiries = [
                Enquiry(e.start, end(e.icpc), e.not_required and (e.start + 30 <= as_at))
                for e in ref.enquiries
                if e.start <= as_at
            ]
            ref.cin_plans = [(s, end(e)) for s, e in ref.cin_plans if s <= as_at]
            ref.plans = [
                ProtectionPlan(p.start, end(p.end), p.category, p.previous,
                               [d for d in p.reviews if d <= as_at])
                for p in ref.plans
                if p.start <= as_at
            ]  # fmt: skip
            kept.append(ref)
        record.referrals = kept
        return record


# -- the Mosaic form --------------------------------------------------------------------
def mosaic_rows(record: CinRecord, dates: DateTable, out: dict[str, list[str]],
                person_row: bool) -> None:  # fmt: skip
    """Append the record's rows to the Mosaic CIN files (and persons, for a child never
    in care: a child who comes into care is already there)."""
    fmt = dates.fmt
    pid = record.person_id
    if person_row:
        out["persons"].append(
            f"{pid},{record.gender_text},{fmt(record.dob)},{record.ethnicity},{record.upn},N,,"
        )
    referrals, assessments = out["referrals"], out["assessments"]
    enquiries, cin_plans = out["section47_enquiries"], out["cin_plans"]
    plans = out["child_protection_plans"]
    for k, ref in enumerate(record.referrals, start=1):
        rid = f"R{pid}{k:02d}"
        referrals.append(
            f"{rid},{pid},{fmt(ref.date)},{ref.source},{'Y' if ref.nfa else 'N'},"
            f"{fmt(ref.closure)},{ref.reason},{ref.need}"
        )
        for j, a in enumerate(ref.assessments, start=1):
            assessments.append(
                f"A{pid}{k:02d}{j},{pid},{rid},{fmt(a.start)},{fmt(a.authorised)},"
                f"{';'.join(a.factors)}"
            )
        for j, e in enumerate(ref.enquiries, start=1):
            enquiries.append(
                f"S{pid}{k:02d}{j},{pid},{rid},{fmt(e.start)},{fmt(e.icpc)},"
                f"{'Y' if e.not_required else 'N'}"
            )
        for start, end in ref.cin_plans:
            cin_plans.append(f"{pid},{fmt(start)},{fmt(end)}")
        for p in ref.plans:
            plans.append(
                f"P{pid}{p.previous + 1:02d},{pid},{fmt(p.start)},{fmt(p.end)},{p.category}"
            )
    for code in record.disabilities:
        out["disabilities"].append(f"{pid},{code}")


# -- the census form ----------------------------------------------------------------------
def census_child(record: CinRecord, year: int, p: int, s: int, iso: list[str], base: int) -> str:
    """The record's `Child` element in census year `year` (P = `p`, 1 April = `s`), or "".

    A year's return holds the referrals open at some time in the year, and of each only
    the assessments, enquiries, plans and reviews active in the year (open at its start, or
    starting or ending in it): earlier ones are in earlier years' returns. Each module
    element starts a line (the landing's row numbers are element lines). Nothing dated
    after P is in that year's return; what ended after P is still open.
    """
    details = []
    for ref in record.referrals:
        if ref.date > p or (ref.closure is not None and ref.closure < s):
            continue
        closed = ref.closure is not None and ref.closure <= p
        icpcs = [e.icpc for e in ref.enquiries if e.icpc is not None and e.icpc <= p]
        lines = [
            f"<CINdetails><CINreferralDate>{iso[ref.date - base]}</CINreferralDate>"
            f"<ReferralSource>{ref.source}</ReferralSource>"
            f"<PrimaryNeedCode>{ref.need}</PrimaryNeedCode>"
            + (
                f"<CINclosureDate>{iso[ref.closure - base]}</CINclosureDate>"  # type: ignore[operator]
                f"<ReasonForClosure>{ref.reason}</ReasonForClosure>"
                if closed
                else ""
            )
            + (f"<DateOfInitialCPC>{iso[min(icpcs) - base]}</DateOfInitialCPC>" if icpcs else "")
        ]
        for a in ref.assessments:
            if a.start > p or (a.authorised is not None and a.authorised < s):
                continue
            done = a.authorised is not None and a.authorised <= p
            # factors are identified at the end of the assessment: none while it is open
            factors = "".join(f"<AssessmentFactors>{f}</AssessmentFactors>" for f in a.factors)
            lines.append(
                f"<Assessments><AssessmentActualStartDate>{iso[a.start - base]}"
                "</AssessmentActualStartDate>"
                + (
                    f"<AssessmentAuthorisationDate>{iso[a.authorised - base]}"  # type: ignore[operator]
                    "</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment>"
                    f"{factors}</FactorsIdentifiedAtAssessment>"
                    if done
                    else ""
                )
                + "</Assessments>"
            )
        for start, end in ref.cin_plans:
            if start > p or (end is not None and end < s) or year < F.CIN_PLANS_FROM_YEAR:
                continue
            ended = end is not None and end <= p
            lines.append(
                f"<CINPlanDates><CINPlanStartDate>{iso[start - base]}</CINPlanStartDate>"
                + (f"<CINPlanEndDate>{iso[end - base]}</CINPlanEndDate>" if ended else "")  # type: ignore[operator]
                + "</CINPlanDates>"
            )  # fmt: skip
        for e in ref.enquiries:
            if e.start > p or (e.start < s and (e.icpc is None or e.icpc < s)):
                continue
            held = e.icpc is not None and e.icpc <= p
            lines.append(
                f"<Section47><S47ActualStartDate>{iso[e.start - base]}</S47ActualStartDate>"
                + (f"<DateOfInitialCPC>{iso[e.icpc - base]}</DateOfInitialCPC>" if held else "")  # type: ignore[operator]
                + f"<ICPCnotRequired>{'true' if e.not_required else 'false'}</ICPCnotRequired>"
                "</Section47>"
            )  # fmt: skip
        lines.append(f"<ReferralNFA>{'true' if ref.nfa else 'false'}</ReferralNFA>")
        for plan in ref.plans:
            if plan.start > p or (plan.end is not None and plan.end < s):
                continue
            ended = plan.end is not None and plan.end <= p
            reviews = [d for d in plan.reviews if s <= d <= p]
            lines.append(
                f"<ChildProtectionPlans><CPPstartDate>{iso[plan.start - base]}</CPPstartDate>"
                + (f"<CPPendDate>{iso[plan.end - base]}</CPPendDate>" if ended else "")  # type: ignore[operator]
                + f"<InitialCategoryOfAbuse>{plan.category}</InitialCategoryOfAbuse>"
                f"<LatestCategoryOfAbuse>{plan.category}</LatestCategoryOfAbuse>"
                f"<NumberOfPreviousCPP>{plan.previous}</NumberOfPreviousCPP>"
                + (
                    "<Reviews>\n"
                    + "".join(f"<CPPreviewDate>{iso[d - base]}</CPPreviewDate>\n" for d in reviews)
                    + "</Reviews>"
                    if reviews
                    else ""
                )
                + "</ChildProtectionPlans>"
            )  # fmt: skip
        lines.append("</CINdetails>")
        details.append("\n".join(lines))
    if not details:
        return ""
    if year <= LAST_GENDER_CURRENT_YEAR:
        sex = f"<GenderCurrent>{LEGACY_GENDER[record.sex]}</GenderCurrent>"
    else:
        sex = f"<Sex>{record.sex}</Sex>"
    pupil = f"<UPN>{record.upn}</UPN>" if record.upn else "<UPNunknown>UN1</UPNunknown>"
    disabilities = "".join(f"<Disability>{d}</Disability>\n" for d in record.disabilities)
    return (
        f"<Child>\n<ChildIdentifiers><LAchildID>{record.person_id}</LAchildID>{pupil}"
        f"<PersonBirthDate>{iso[record.dob - base]}</PersonBirthDate>{sex}</ChildIdentifiers>\n"
        f"<ChildCharacteristics><Ethnicity>{record.ethnicity}</Ethnicity><Disabilities>\n"
        f"{disabilities or '<Disability>NONE</Disability>' + chr(10)}</Disabilities>"
        "</ChildCharacteristics>\n" + "\n".join(details) + "\n</Child>"
    )


def census_header(year: int, la_number: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header>\n'
        f"<CollectionDetails><Collection>CIN</Collection><Year>{year}</Year>"
        f"<ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails>\n"
        f"<Source><SourceLevel>L</SourceLevel><LEA>{la_number}</LEA>"
        "<SoftwareCode>Synthetic (cla generate)</SoftwareCode><Release>1</Release>"
        f"<SerialNo>001</SerialNo><DateTime>{year}-05-31T09:00:00</DateTime></Source>\n"
        "</Header>\n<Children>\n"
    )


CENSUS_FOOTER = "</Children>\n</Message>\n"
