"""The DfE CIN census validation rules that protect the CIN/CP figures (docs/cin.md).

Codes and messages are DfE's, as the public `csc-validator-be-cin` (2022-23 set) words them;
the logic is ours, one SQL query per rule over the census as submitted
(quality/cin_return.py), returning the failing rows with `CHILD`, the rule's fields,
`_source_file` and `_row_number` (the element's line), as the 903 rules do
(quality/rule.py). Severity classes as for 903 (spec/outputs.md v2): a fault that makes the
child's part in a figure unreliable is a `record_error` (a date that does not parse, a code
the figure reads outside its list, dates out of order, overlapping or doubly open plans);
codes and dates no figure reads are warnings. `config/quality.yaml` overrides a rule's class
by `cin.<code>` (e.g. `cin.8940: warning`), so a CIN code never collides with a 903 code.

Deliberate differences from the public validator, each because the figures need it:

- CIN01 (local): a date element whose text is not a date. The validator reads such a date
  as missing (pandas `errors="coerce"`), so a mistyped date disappears silently; here it is
  a record error naming the element, since the figures drop it too.
- 8540: only a code outside the Disability list; the validator also flags a child with no
  disability module, which a figure counts as "no disability recorded", not as an error.
- 1104: DateOfInitialCPC is checked at both levels it may be given (CINdetails and
  Section47), each against its own referral.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from dagster_project.quality import findings as fnd
from dagster_project.quality.cin_return import DATES
from dagster_project.quality.context import RuleContext
from dagster_project.quality.engine import RuleRun, finding_sql
from dagster_project.quality.rule import OFF, RECORD_ERROR, WARNING, Rule

CHECK = "dfe_cin_rules"
FIRST_CENSUS_YEAR = 2013  # the earliest census year DfE publishes (CIN files from 2013)


def _rule(code: str, message: str, table: str, fields: tuple[str, ...], sql: str, **kw) -> Rule:
    return Rule(
        code=code,
        message=message,
        table=table,
        fields=fields,
        sql=sql,
        first_year=FIRST_CENSUS_YEAR,
        **kw,
    )


# The date elements of each census table (the contract's columns that are dates).
_DATE_TABLES = {
    "children": ("PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate"),
    "cin_details": ("CINreferralDate", "CINclosureDate", "DateOfInitialCPC"),
    "assessments": (
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
    ),
    "cin_plans": ("CINPlanStartDate", "CINPlanEndDate"),
    "section47": ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC"),
    "child_protection_plans": ("CPPstartDate", "CPPendDate"),
    "cpp_reviews": ("CPPreviewDate",),
}
assert {d for ds in _DATE_TABLES.values() for d in ds} | {"ReferenceDate"} == DATES

_UNPARSED = tuple(
    _rule(
        "CIN01",
        "A date is not a date (the census gives dates as YYYY-MM-DD): the figures cannot "
        "place this record.",
        table,
        (column,),
        f"""
        select CHILD, "{column}_text" as "{column}", _source_file, _row_number
        from {{cin_{table}}}
        where "{column}_text" is not null and "{column}" is null
        """,
        severity=RECORD_ERROR,
        dfe=False,
    )
    for table, dates in _DATE_TABLES.items()
    for column in dates
)

_REFERRALS = (
    _rule(
        "8600",
        "Child referral date missing or after data collection period",
        "cin_details",
        ("CINreferralDate",),
        """
        select CHILD, CINreferralDate_text as CINreferralDate, _source_file, _row_number
        from {cin_cin_details}
        where CINreferralDate is null or CINreferralDate > {collection_end}
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8620",
        "CIN Closure Date present and does not fall within the Census year",
        "cin_details",
        ("CINclosureDate",),
        """
        select CHILD, CINclosureDate, _source_file, _row_number from {cin_cin_details}
        where CINclosureDate < {collection_start} or CINclosureDate > {collection_end}
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8630",
        "CIN Closure Date is before CIN Referral Date for the same CIN episode",
        "cin_details",
        ("CINreferralDate", "CINclosureDate"),
        """
        select CHILD, CINreferralDate, CINclosureDate, _source_file, _row_number
        from {cin_cin_details} where CINclosureDate < CINreferralDate
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8568",
        "RNFA flag is missing or invalid",
        "cin_details",
        ("ReferralNFA",),
        """
        select CHILD, ReferralNFA, _source_file, _row_number from {cin_cin_details}
        where ReferralNFA is null or ReferralNFA not in ('0', '1', 'TRUE', 'FALSE')
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8866",
        "Source of Referral is missing or an invalid code",
        "cin_details",
        ("CINreferralDate", "ReferralSource"),
        """
        select CHILD, CINreferralDate, ReferralSource, _source_file, _row_number
        from {cin_cin_details}
        where CINreferralDate >= DATE '2013-04-01'
          and (ReferralSource is null or ReferralSource not in {codes:ReferralSource})
        """,
        severity=WARNING,
    ),
    _rule(
        "8650",
        "Primary Need Code invalid (see Primary Need table in CIN census code set)",
        "cin_details",
        ("PrimaryNeedCode",),
        """
        select CHILD, PrimaryNeedCode, _source_file, _row_number from {cin_cin_details}
        where PrimaryNeedCode not in {codes:PrimaryNeedCode}
        """,
        severity=WARNING,
    ),
    _rule(
        "8640",
        "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
        "cin_details",
        ("ReasonForClosure",),
        """
        select CHILD, ReasonForClosure, _source_file, _row_number from {cin_cin_details}
        where ReasonForClosure not in {codes:ReasonForClosure}
        """,
        severity=WARNING,
    ),
)

_ASSESSMENTS = (
    _rule(
        "1103",
        "The assessment start date cannot be before the referral date",
        "assessments",
        ("AssessmentActualStartDate",),
        """
        select a.CHILD, a.AssessmentActualStartDate, a._source_file, a._row_number
        from {cin_assessments} as a
        join {cin_cin_details} as r
          on r.CHILD = a.CHILD and r.cin_details_id = a.cin_details_id
        where a.AssessmentActualStartDate < r.CINreferralDate
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8608",
        "Assessment Start Date cannot be later than its End Date",
        "assessments",
        ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
        """
        select CHILD, AssessmentActualStartDate, AssessmentAuthorisationDate,
               _source_file, _row_number
        from {cin_assessments}
        where AssessmentActualStartDate > AssessmentAuthorisationDate
        """,
        severity=RECORD_ERROR,
    ),
)

_SECTION47 = (
    _rule(
        "2889",
        "The S47 start date cannot be before the referral date.",
        "section47",
        ("S47ActualStartDate",),
        """
        select s.CHILD, s.S47ActualStartDate, s._source_file, s._row_number
        from {cin_section47} as s
        join {cin_cin_details} as r
          on r.CHILD = s.CHILD and r.cin_details_id = s.cin_details_id
        where s.S47ActualStartDate < r.CINreferralDate
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8615",
        "Section 47 Enquiry Start Date must be present and cannot be later than the date of "
        "the initial Child Protection Conference",
        "section47",
        ("S47ActualStartDate", "DateOfInitialCPC"),
        """
        select CHILD, S47ActualStartDate, DateOfInitialCPC, _source_file, _row_number
        from {cin_section47}
        where S47ActualStartDate > DateOfInitialCPC
           or (DateOfInitialCPC_text is not null and S47ActualStartDate_text is null)
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "1104",
        "The date of the initial child protection conference cannot be before the referral date",
        "section47",
        ("DateOfInitialCPC",),
        """
        select s.CHILD, s.DateOfInitialCPC, s._source_file, s._row_number,
               'section47' as _table
        from {cin_section47} as s
        join {cin_cin_details} as r
          on r.CHILD = s.CHILD and r.cin_details_id = s.cin_details_id
        where s.DateOfInitialCPC < r.CINreferralDate
        union all
        select CHILD, DateOfInitialCPC, _source_file, _row_number, 'cin_details'
        from {cin_cin_details} where DateOfInitialCPC < CINreferralDate
        """,
        severity=RECORD_ERROR,
        table_column=True,
    ),
)

# An open plan runs to the census's end (DfE's ReferenceDate), as the validator reads it.
_PLANS = (
    _rule(
        "1105",
        "The child protection plan start date cannot be before the referral date",
        "child_protection_plans",
        ("CPPstartDate",),
        """
        select p.CHILD, p.CPPstartDate, p._source_file, p._row_number
        from {cin_child_protection_plans} as p
        join {cin_cin_details} as r
          on r.CHILD = p.CHILD and r.cin_details_id = p.cin_details_id
        where p.CPPstartDate < r.CINreferralDate
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8925",
        "Child Protection Plan End Date earlier than Start Date",
        "child_protection_plans",
        ("CPPstartDate", "CPPendDate"),
        """
        select CHILD, CPPstartDate, CPPendDate, _source_file, _row_number
        from {cin_child_protection_plans} where CPPendDate < CPPstartDate
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8935",
        "This child is showing more than one open Child Protection plan, i.e. with no End Date",
        "child_protection_plans",
        ("CPPendDate",),
        """
        select CHILD, CPPendDate, _source_file, _row_number
        from {cin_child_protection_plans}
        where CPPendDate_text is null and CPPstartDate is not null
        qualify count(*) over (partition by CHILD) > 1
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8940",
        "Child Protection Plan data contains overlapping dates",
        "child_protection_plans",
        ("CPPstartDate", "CPPendDate"),
        """
        with plans as (
            select * from {cin_child_protection_plans} where CPPstartDate is not null
        ), overlapping as (
            select a.CPPID as a_id, b.CPPID as b_id
            from plans as a join plans as b on a.CHILD = b.CHILD and a.CPPID <> b.CPPID
            where a.CPPstartDate >= b.CPPstartDate
              and a.CPPstartDate <= coalesce(b.CPPendDate, {collection_end})
        )
        select CHILD, CPPstartDate, CPPendDate, _source_file, _row_number
        from plans
        where CPPID in (select a_id from overlapping union select b_id from overlapping)
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8840",
        "Child Protection Plan cannot start and end on the same day",
        "child_protection_plans",
        ("CPPstartDate", "CPPendDate"),
        """
        select CHILD, CPPstartDate, CPPendDate, _source_file, _row_number
        from {cin_child_protection_plans} where CPPendDate = CPPstartDate
        """,
        severity=WARNING,
    ),
    _rule(
        "8905",
        "Initial Category of Abuse code missing or invalid (see Category of Abuse table in "
        "CIN Census code set)",
        "child_protection_plans",
        ("InitialCategoryOfAbuse",),
        """
        select CHILD, InitialCategoryOfAbuse, _source_file, _row_number
        from {cin_child_protection_plans}
        where InitialCategoryOfAbuse is null
           or InitialCategoryOfAbuse not in {codes:CategoryOfAbuse}
        """,
        severity=RECORD_ERROR,
    ),
    _rule(
        "8730",
        "Total Number of previous Child Protection Plans missing",
        "child_protection_plans",
        ("NumberOfPreviousCPP",),
        """
        select CHILD, NumberOfPreviousCPP, _source_file, _row_number
        from {cin_child_protection_plans}
        where CPPstartDate >= {collection_start} and NumberOfPreviousCPP is null
        """,
        severity=WARNING,
    ),
    _rule(
        "4011",
        "CIN Plan End Date earlier than Start Date",
        "cin_plans",
        ("CINPlanStartDate", "CINPlanEndDate"),
        """
        select CHILD, CINPlanStartDate, CINPlanEndDate, _source_file, _row_number
        from {cin_cin_plans} where CINPlanEndDate < CINPlanStartDate
        """,
        severity=RECORD_ERROR,
    ),
)

_DISABILITIES = (
    _rule(
        "8540",
        "Child's disability is missing or invalid (see Disability table)",
        "disabilities",
        ("Disability",),
        """
        select CHILD, Disability, _source_file, _row_number from {cin_disabilities}
        where Disability is not null and Disability not in {codes:Disability}
        """,
        severity=RECORD_ERROR,
    ),
)

RULES: tuple[Rule, ...] = (
    *_UNPARSED,
    *_REFERRALS,
    *_ASSESSMENTS,
    *_SECTION47,
    *_PLANS,
    *_DISABILITIES,
)


def severity(rule: Rule, severity_of: dict[str, str]) -> str:
    return severity_of.get(f"cin.{rule.code}", rule.severity)


def run_cin_rules(
    con: duckdb.DuckDBPyConnection,
    ctx: RuleContext,
    severity_of: dict[str, str] | None = None,
    only: tuple[str, ...] | None = None,
) -> RuleRun:
    """Every CIN rule (or the classes in `only`) on the census of `ctx.year`."""
    severity_of = severity_of or {}
    frames: list[pd.DataFrame] = []
    stats: dict[tuple[str, str], dict[str, object]] = {}
    for rule in RULES:
        level = severity(rule, severity_of)
        if only is not None and level not in only:
            continue
        key = (rule.code, rule.table)
        status = "ran"
        if level == OFF:
            status = "off"
        elif not ctx.has(rule.tables_used):
            missing = [t for t in rule.tables_used if t not in ctx.tables]
            status = "skipped: no " + ", ".join(missing)
        else:
            frames.append(con.execute(finding_sql(rule, ctx, level, check=CHECK)).df())
        stats.setdefault(
            key,
            {
                "check_name": CHECK,
                "rule_code": rule.code,
                "message": rule.message,
                "severity": level,
                "table_name": rule.table,
                "status": status,
            },
        )
    found = [f for f in frames if not f.empty]
    result = fnd.normalise(pd.concat(found, ignore_index=True)) if found else fnd.empty()
    by_code = pd.DataFrame(list(stats.values()))
    if not by_code.empty:  # one summary row per code (CIN01 runs per date element)
        by_code = by_code.drop_duplicates(["check_name", "rule_code"]).reset_index(drop=True)
    return RuleRun(findings=result, stats=by_code)
