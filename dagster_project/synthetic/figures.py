"""The national proportions the synthetic LA is drawn from, in one place.

Source: DfE "Children looked after in England including adoptions", reporting year 2025
(explore-education-statistics, national level). Figures marked (ref) are read from the
release files in shared/reference; the others are the release's national headline tables,
rounded. docs/synthetic.md lists them with the figures the generator actually produces.
Weights need not sum to 100: they are relative.
"""

from __future__ import annotations

# -- who comes into care ---------------------------------------------------------------
# Age at entry of children starting to be looked after (starts during the year).
ENTRY_AGE_BANDS = ((0, 1, 19.0), (1, 5, 14.0), (5, 10, 15.0), (10, 16, 36.0), (16, 18, 16.0))
UASC_SHARE_OF_CHILDREN = 0.13  # of children ever looked after; ~8-9% of CLA on 31 March
SHORT_BREAK_SHARE_OF_CHILDREN = 0.02  # disabled children on agreed series of short breaks
GENDER = (("M", 56.0), ("F", 43.9), ("U", 0.1))  # CLA on 31 March
UASC_MALE = 0.94
GENDER_LONG_FORM = 0.05  # Mosaic sites that export Male/Female rather than M/F

# Ethnicity of CLA on 31 March: white 71, mixed 10, asian 5, black 7, other 4, not known 2.
ETHNICITY = (
    ("WBRI", 63.5), ("WIRI", 0.3), ("WIRT", 0.4), ("WOTH", 6.2), ("WROM", 0.6),
    ("MWBC", 4.0), ("MWBA", 1.5), ("MWAS", 1.5), ("MOTH", 3.0),
    ("AIND", 0.7), ("APKN", 1.2), ("ABAN", 0.6), ("AOTH", 2.5),
    ("BCRB", 1.6), ("BAFR", 3.6), ("BOTH", 1.8),
    ("CHNE", 0.2), ("OOTH", 3.8),
    ("REFU", 0.5), ("NOBT", 1.5),
)  # fmt: skip
UASC_ETHNICITY = (("AOTH", 30.0), ("BAFR", 30.0), ("OOTH", 25.0), ("WOTH", 10.0), ("BOTH", 5.0))

# Category of need (CIN) of CLA on 31 March: N1 abuse or neglect 66%, N5 13%, N8 8% (most
# UASC), N4 7%, N2 3%, N3 2%, N6 1%, N7 <1%.
CIN = (("N1", 70.0), ("N2", 2.5), ("N3", 2.5), ("N4", 8.0), ("N5", 14.0), ("N6", 1.5), ("N7", 0.3),
       ("N8", 1.2))  # fmt: skip

# -- the route a period of care takes, by age at entry -----------------------------------
# adopt: interim care order, placement order (E1), placed for adoption, adopted.
# sgo: care order, relative/foster carer, special guardianship order.
# long: care order to 18 (or reunification after years).  short: s20 or ICO, home within
# months.  teen: s20 for a teenager, often to 18.  yj: remand / PACE.
ROUTES = {
    0: (("adopt", 38.0), ("sgo", 15.0), ("long", 22.0), ("short", 25.0)),
    1: (("adopt", 20.0), ("sgo", 20.0), ("long", 28.0), ("short", 32.0)),
    5: (("sgo", 15.0), ("long", 40.0), ("short", 45.0)),
    10: (("long", 33.0), ("short", 35.0), ("teen", 28.0), ("yj", 4.0)),
    16: (("teen", 58.0), ("short", 32.0), ("yj", 10.0)),
}
RE_ENTRY = 0.22  # chance a child who went home comes back into care (several periods)
POLICE_PROTECTION_FIRST = 0.06  # periods starting with L1/L2 for a few days

# -- placements ------------------------------------------------------------------------
# Placement moves per year in a placement's first year, by age: tuned with SETTLED_FACTOR
# so about 10% of CLA on 31 March had 3 or more placements during the year (ref: 10% in 2025).
MOVES_PER_YEAR = ((0, 0.45), (5, 0.52), (10, 0.83), (14, 1.12), (16, 1.2))
# A placement that has lasted a year moves at this fraction of the rate above: tuned with
# MOVES_PER_YEAR so that about 69% of children looked after 2.5 years (under 16) have been
# with the same carer for 2 years (long-term stability, England 2025), 10% with 3+ moves.
SETTLING_DAYS = 365
SETTLED_FACTOR = 0.3
TEMPORARY_PLACEMENT = 0.05  # chance a placement is interrupted by a T0-T4 stay
FOSTER_LONG_TERM = 0.08  # U6 -> U4 with the same carer (RNE T)
# Placement type of a new placement by age (CLA on 31 March: foster 68%, children's homes
# 11%, supported/independent 10%, with parents 6%, placed for adoption 2%, other 3%).
PLACEMENTS = {
    0: (("U6", 45.0), ("U4", 15.0), ("U3", 14.0), ("U1", 6.0), ("P1", 8.0), ("R3", 3.0),
        ("K2", 1.0), ("Z1", 0.5)),
    5: (("U6", 35.0), ("U4", 28.0), ("U3", 10.0), ("U1", 8.0), ("P1", 7.0), ("K2", 8.0),
        ("S1", 1.0), ("R1", 0.5), ("Z1", 0.5)),
    10: (("U6", 30.0), ("U4", 25.0), ("U3", 7.0), ("U1", 5.0), ("P1", 5.0), ("K2", 22.0),
         ("K1", 1.0), ("S1", 1.5), ("R2", 0.5), ("Z1", 0.5)),
    16: (("U6", 17.0), ("U4", 18.0), ("U3", 4.0), ("U1", 3.0), ("P1", 4.0), ("K2", 18.0),
         ("K3", 20.0), ("H5", 6.0), ("P2", 8.0), ("R5", 0.5), ("P3", 0.5), ("Z1", 1.0)),
}  # fmt: skip
UASC_PLACEMENTS = {
    0: (("U6", 55.0), ("U4", 20.0), ("K2", 25.0)),
    16: (("U6", 15.0), ("U4", 10.0), ("K3", 45.0), ("H5", 15.0), ("P2", 15.0)),
}
TEMPORARY = (("T0", 20.0), ("T1", 20.0), ("T2", 20.0), ("T3", 25.0), ("T4", 15.0))
# Reason for placement change (ref: new placements 2025): care plan 34%, status only 18%,
# carer request (behaviour) 8%, (other) 7%, child 3%, LA 2%, others 1% each, other 25%.
REASON_PLACE_CHANGE = (
    ("CARPL", 34.0), ("CREQB", 8.0), ("CREQO", 7.0), ("CHILD", 3.0), ("LAREQ", 2.0),
    ("ALLEG", 1.0), ("STAND", 1.0), ("CLOSE", 1.0), ("APPRR", 0.5), ("CUSTOD", 0.3),
    ("OTHER", 25.0),
)  # fmt: skip
FOSTER_PROVIDER = (("PR1", 62.0), ("PR4", 33.0), ("PR5", 5.0))

# -- how care ends -----------------------------------------------------------------------
# Reasons ceased 2025 (children ceasing): returned home 30%, SGO 12%, adopted 9%,
# independent living 11%, staying put 6%, CAO 4%, adult care 1%, custody 1%, other 26%.
REC_SHORT = (("E4A", 42.0), ("E4B", 8.0), ("E13", 24.0), ("E41", 7.0), ("E8", 12.0),
             ("E3", 3.0), ("E16", 2.0), ("E2", 0.2))  # fmt: skip
REC_AT_18 = (("E5", 33.0), ("E6", 22.0), ("E17", 22.0), ("E8", 17.0), ("E7", 4.0), ("E13", 2.0))
# Special guardianship to former foster carers (E47 relatives or friends, E48 others) or to
# other carers (E45, E46); E43 and E44 are retired codes (dbt/seeds/code_lists.csv).
REC_SGO_FOSTER = (("E47", 60.0), ("E48", 20.0))
REC_SGO_OTHER = (("E45", 12.0), ("E46", 8.0))
REC_ADOPTED = (("E11", 70.0), ("E12", 30.0))
REC_YJ = (("E14", 55.0), ("E9", 30.0), ("E8", 15.0))
REC_UASC_EARLY = (("E15", 40.0), ("E3", 35.0), ("E8", 25.0))

# -- health (ref: 2025, CLA 12 months or more) ------------------------------------------
HEALTH_ASSESSMENT = 0.88  # chance each annual assessment happens (ref: 90% had one)
DENTAL_CHECK = 0.78  # chance each yearly check happens (ref: 81%)
IMMUNISED = 0.86  # chance a recorded immunisation status is up to date (ref: 84%)
SDQ_RETURNED = 0.80  # ages 5-16 (ref: 78% received), average score 14.9 (ref)
SDQ_MEAN, SDQ_SD = 14.9, 7.0
HEALTH_CHECK_UNDER_5 = 0.88  # (ref: development assessments 88%)
CONVICTED_10_PLUS = 0.02  # (ref: 2%)
SUBSTANCE_MISUSE = 0.03  # (ref: 3%, 41% received an intervention, 44% refused)

# -- missing and away --------------------------------------------------------------------
# About 11% of CLA during the year go missing (about 6 incidents each), 3% are away.
MISSING_PRONE = {0: 0.0, 10: 0.12, 13: 0.30, 16: 0.25}
MISSING_RATE_PER_YEAR = 5.0
AWAY_PRONE = {0: 0.0, 10: 0.04, 13: 0.08, 16: 0.06}
AWAY_RATE_PER_YEAR = 2.0

# -- reviews -----------------------------------------------------------------------------
# Participation of children aged 4+: most attend and speak (PN1); a few reviews of older
# children record PN0 (a data-quality finding).
PARTICIPATION = (("PN1", 52.0), ("PN2", 6.0), ("PN3", 3.0), ("PN4", 3.0), ("PN5", 8.0),
                 ("PN6", 18.0), ("PN7", 8.0), ("PN0", 2.0))  # fmt: skip

# -- care leavers (ref: 2025) ------------------------------------------------------------
CONTACT_NEAR_BIRTHDAY = 0.94  # ref: 6% "information not known"
CONTACT_FAR_FROM_BIRTHDAY = 0.5  # an extra contact months away from any birthday
IN_TOUCH = (("YES", 91.0), ("NO", 3.5), ("REFU", 2.0), ("NREQ", 2.5), ("RHOM", 1.0))
# (DfE has no "not known" activity code: such young people are NEET for other reasons, G5)
ACTIVITY_17_18 = (("F2", 48.0), ("F1", 2.5), ("P1", 0.5), ("F4", 2.0), ("F5", 9.0), ("P5", 2.0),
                  ("G4", 3.5), ("G5", 27.0), ("G6", 2.0))  # fmt: skip
ACTIVITY_19_21 = (("F2", 18.0), ("P2", 3.0), ("F1", 5.5), ("P1", 0.5), ("F4", 2.0), ("F5", 19.0),
                  ("P5", 6.0), ("G4", 9.5), ("G5", 30.0), ("G6", 4.5))  # fmt: skip
ACCOMMODATION_SUITABLE = 0.95  # of those with information (ref: 91% / 3% / 6% unknown)
# DfE never counts no fixed abode (S) or custody (X) as suitable: only S2 and X2 exist.
ALWAYS_UNSUITABLE = ("S", "X")
ACCOMMODATION_TYPE_17_18 = (("Z", 25.0), ("D", 30.0), ("C", 12.0), ("B", 12.0), ("T", 8.0),
                            ("E", 6.0), ("U", 5.0), ("X", 1.0), ("Y", 1.0))  # fmt: skip
ACCOMMODATION_TYPE_19_21 = (("U", 45.0), ("D", 15.0), ("B", 12.0), ("Z", 8.0), ("K", 6.0),
                            ("T", 5.0), ("E", 3.0), ("S", 1.0), ("W", 1.0), ("X", 2.0),
                            ("Y", 2.0))  # fmt: skip

# -- places ------------------------------------------------------------------------------
HOME_IN_LA = 0.88  # home postcode inside the LA; the rest in neighbouring boroughs
HOME_POSTCODE_BLANK = 0.02
HOME_POSTCODE_INVALID = 0.005
PLACEMENT_FAR = 0.16  # more than 20 miles from home (ref: 21% of new placements 2025)
PLACEMENT_IN_LA = 0.50  # of the near ones
PLACEMENT_POSTCODE_BLANK = 0.025
PLACEMENT_POSTCODE_INVALID = 0.01
POSTCODE_NO_SPACE = 0.03  # "HA12AB": real extracts are not tidy
POSTCODE_LOWER = 0.02

# -- children in need and child protection ------------------------------------------------
# Source: DfE "Children in need", reporting year 2025 (ref: shared/reference/dfe_cin_2025;
# England / Harrow): referrals 632,830 / 2,281, re-referrals within 12 months 22.6 / 15.6%,
# no further action 6.5 / 2.2%, assessed not in need 30.8 / 40.3%; CIN at 31 March
# 402,400 / 1,456; plans started 61,840 / 296, second or subsequent 24.5 / 17.2%; plans at
# 31 March 49,420 / 275, by length 31.5 / 25.5 / 26.3 / 14.4 / 2.3% (England). The demo LA
# is tuned to Harrow's levels (docs/synthetic.md lists what comes out).
# Children in need who never come into care, per child who does (--cin-ratio): Harrow has
# about 21 referrals a year per child starting care; with re-referrals across years, and the
# demo LA's children staying in care longer than Harrow's, 21 such children per child looked
# after give Harrow's referrals and children in need (docs/synthetic.md).
CIN_RATIO = 21.0
CIN_AGE_BANDS = ((0, 1, 10.0), (1, 5, 18.0), (5, 10, 24.0), (10, 16, 35.0), (16, 18, 13.0))
CIN_HIGH_RISK = 0.11  # children whose referrals often lead to protection (re-referred more)
CIN_NFA = 0.03  # referral closed with no further action, no assessment
CIN_NOT_IN_NEED = {False: 0.52, True: 0.12}  # assessed, closed without a plan (by risk)
CIN_S47 = {False: 0.14, True: 0.85}  # section 47 enquiry (by risk)
CIN_ICPC = 0.6  # of section 47 enquiries, an initial child protection conference
CIN_CPP = 0.87  # of conferences, a child protection plan
CIN_PLAN = 0.55  # in need without a protection plan: a CIN plan
CIN_STEP_DOWN = 0.5  # after a protection plan: a CIN plan
# Next referral of the same child: within 12 months of the last one, or later (by risk).
CIN_REREFER_SOON = {False: 0.24, True: 0.42}
CIN_REREFER_LATER = {False: 0.10, True: 0.22}
CIN_DISABLED = 0.12  # children in need with a recorded disability (England about 13%)
CLA_DISABLED = 0.08  # children looked after (not on short breaks) with one
CLA_PRIOR_REFERRAL = 0.35  # children looked after referred before the referral that led to care
CLA_EMERGENCY = 0.2  # entries within days of the referral (police protection, s20 crisis)
CLA_CPP_BEFORE = 0.55  # planned entries that had a protection plan first
# Assessment length in calendar days: most within 45 working days (about 63 days).
ASSESSMENT_DAYS = ((0.86, 3, 62), (0.14, 63, 130))
ICPC_DAYS = ((0.8, 3, 20), (0.2, 22, 45))  # from the enquiry's start (15 working days ~ 21)
# Length of a protection plan in days (flow; gives England's lengths at 31 March).
CPP_DAYS = ((0.08, 30, 91), (0.22, 92, 182), (0.48, 183, 365), (0.19, 366, 730),
            (0.03, 731, 1200))  # fmt: skip
CPP_CATEGORY = (("NEG", 50.0), ("EMO", 35.0), ("PHY", 6.0), ("SAB", 4.0), ("MUL", 5.0))
REFERRAL_SOURCE = (
    ("6", 29.0), ("2A", 19.0), ("2B", 1.0), ("3A", 2.0), ("3B", 2.0), ("3C", 1.0), ("3D", 2.0),
    ("3E", 2.0), ("3F", 5.0), ("5A", 7.0), ("5B", 2.0), ("5C", 2.0), ("5D", 2.0), ("1A", 5.0),
    ("1B", 1.0), ("1C", 1.0), ("1D", 1.0), ("4", 2.0), ("7", 4.0), ("8", 6.0), ("9", 1.0),
    ("10", 3.0),
)  # fmt: skip
PRIMARY_NEED = (("N1", 55.0), ("N2", 6.0), ("N3", 4.0), ("N4", 13.0), ("N5", 5.0), ("N6", 3.0),
                ("N7", 1.0), ("N8", 3.0), ("N9", 10.0))  # fmt: skip
FACTORS = (("3A", 14.0), ("3B", 10.0), ("4B", 16.0), ("16A", 8.0), ("17A", 7.0), ("2B", 5.0),
           ("1B", 5.0), ("14A", 4.0), ("18C", 4.0), ("19C", 2.0), ("21", 10.0), ("11A", 2.0),
           ("23A", 1.0), ("24A", 3.0), ("20", 6.0), ("15A", 3.0))  # fmt: skip
# Codes the census added (first census year, i.e. the year of its 31 March): a code is used
# only on records dated in a census year that has it, as a real LA's records are.
CODE_FROM_YEAR = {"18C": 2021, "19C": 2021, "24A": 2022, "5D": 2023, "RC9": 2023}
CODE_BEFORE = {"18C": "18A", "19C": "19A", "24A": "20", "5D": "5A", "RC9": "RC8"}
CIN_PLANS_FROM_YEAR = 2022  # the census has collected CIN plan dates since 2021-22
DISABILITY = (("LD", 25.0), ("AUT", 25.0), ("COMM", 12.0), ("BEH", 10.0), ("MOB", 7.0),
              ("PC", 5.0), ("HAND", 3.0), ("VIS", 3.0), ("HEAR", 4.0), ("CON", 2.0),
              ("INC", 2.0), ("DDA", 2.0))  # fmt: skip
