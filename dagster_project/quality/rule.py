"""One DfE SSDA903 validation rule: its code and message as DfE words them, and its SQL.

A rule is data plus one SQL query over the return, so a reviewer reads the whole rule in
one file and DuckDB does the work (no row-by-row Python). The query returns the failing
rows only, with `CHILD`, the rule's `fields`, `_source_file` and `_row_number`.

DfE changes its rules year by year (the public validator's `lac2022_23 ... lac2026_27`
registries add, modify and delete rules): a rule applies to the collection years
`first_year` to `last_year` (years of the 31 March; `last_year` None = still in force), and
a rule modified in a year is a second `Rule` with the same code for the later years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.codes import FIRST_YEAR, codes
from dagster_project.quality import typed_return as tr
from dagster_project.sql_text import literal

# Severity classes (spec/outputs.md v2 "Data-quality severity"), and `off` (not run).
STRUCTURAL = "structural"  # the run cannot produce trustworthy figures: refuse publication
RECORD_ERROR = "record_error"  # a child's records are unreliable: quarantine with impact
WARNING = "warning"  # completeness and plausibility: report, publish
OFF = "off"
CLASSES = (STRUCTURAL, RECORD_ERROR, WARNING)
SEVERITIES = (*CLASSES, OFF)
# Findings that stop publication by themselves. Record errors do not: they are counted per
# figure (indicator_values.dq_affected), and the gate refuses only when an indicator's share
# of affected children exceeds max_affected_share (quality/impact.py: a structural finding).
BLOCKING_CLASSES = (STRUCTURAL,)
RENAMED = {
    "blocking": "'blocking' is no longer a severity (spec/outputs.md v2 has three classes): "
    "use 'structural' (refuse publication) or 'record_error' (a child's records are "
    "unreliable)",
}

# The return's tables a rule may read, as placeholders (DfE's file names), each also as
# `<table>_last`: the previous year's return when it was supplied (the validator's `_last`).
RETURN_TABLES = (
    "header",
    "episodes",
    "uasc",
    "oc2",
    "oc3",
    "ad1",
    "placed_for_adoption",
    "previous_permanence",
    "missing",
    "reviews",
    "sw_episodes",
    "dolo",
)
# Views derived from the return (quality/context.py) and reference data.
DERIVED = (
    "episodes_ordered",  # episodes of the return, each with its neighbours (see sql.py)
    "oc2_cohort",  # children looked after continuously for 12 months at 31 March
    "oc3_cohort",  # the dbt project's OC3 cohort (local rule CLA01; not in `cla validate`)
    "postcodes",  # reference.postcodes
    # children recorded as UASC in this or last year's return (header UASC flag, or a row
    # of the UASC file): present only when the return records UASC status at all
    "former_uasc",
    "local_authority",  # one row, LA_CODE: the reporting LA as PL_LA names it (when known)
    # Ofsted's provider lists a validator user uploads (URN, PLACE_CODES, PROVIDER_CODES,
    # REG_END, POSTCODE, LA_CODE_INFERRED); no input of the pipeline carries them
    "provider_info",
)
# `file_format`: 'csv' or 'xml', as the return was submitted (the header's UASC flag is an
# item of an XML return but derived from the UASC file for CSV: rules 105, 205A-C).
PARAMS = (
    "collection_start",
    "collection_end",
    "collection_year",
    "data_as_at",
    "file_format",
)
# What an optional derived placeholder reads when absent (a return table reads as its
# empty typed table, `empty_table`).
EMPTY_DERIVED = {"former_uasc": "select cast(null as varchar) as CHILD where false"}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z][a-z0-9_]*)\}(?!\})")
_CODES = re.compile(r"\{codes:([A-Za-z_]+)\}")


@dataclass(frozen=True)
class ValidatorDifference:
    """A deliberate, reviewed difference from the public validator on one of its fixtures.

    `ruleset` and `call` name the fixture (the validator's rule module of that ruleset, the
    n-th call of `validate` in its `test_validate`, from 0); `only_validator` / `only_ours`
    are the fixture's row labels (its frame index) flagged by one side only, in `table`
    (the validator's table name, e.g. `OC3`). `why` says which DfE guidance we follow.
    """

    ruleset: str
    call: int
    table: str
    why: str
    only_validator: tuple[object, ...] = ()
    only_ours: tuple[object, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A DfE SSDA903 validation rule (one variant: the years it has this form).

    `table` is the return's table whose rows the rule reports (DfE's name, e.g. `episodes`);
    `fields` are the columns a caseworker must look at, selected by `sql` under those names.
    The SQL reads the typed return (quality/typed_return.py) and may call the `dq_*` macros
    of `quality/sql.py`. A table in `optional` is read as empty when the return lacks it
    (DfE's rule still applies: e.g. EPI, a header child with neither episodes nor OC3 row);
    a rule lacking any other table it reads is skipped.
    """

    code: str
    message: str
    table: str
    fields: tuple[str, ...]
    sql: str
    severity: str = WARNING
    table_column: bool = False  # the SQL returns `_table` (a rule reporting rows of two tables)
    first_year: int = FIRST_YEAR
    last_year: int | None = None
    differences: tuple[ValidatorDifference, ...] = ()
    optional: tuple[str, ...] = ()
    dfe: bool = True  # False: a local rule (CLA01, CLA02), not run by `cla validate`

    def __post_init__(self) -> None:
        if self.severity not in CLASSES:
            raise ValueError(f"rule {self.code}: unknown severity class {self.severity!r}")
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"rule {self.code}: last_year before first_year")
        if not set(self.optional) <= set(self.tables_used):
            raise ValueError(f"rule {self.code}: an optional table the SQL does not read")
        for name in self.optional:
            if name.removesuffix("_last") not in RETURN_TABLES and name not in EMPTY_DERIVED:
                raise ValueError(f"rule {self.code}: {name} cannot be optional")

    def applies_to(self, year: int) -> bool:
        """Whether this variant is DfE's rule for collection year `year` (year of 31 March)."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @property
    def years(self) -> str:
        last = "" if self.last_year is None else _season(self.last_year)
        return f"{_season(self.first_year)} to {last or 'now'}"

    @property
    def tables_used(self) -> tuple[str, ...]:
        """Placeholders the SQL reads (`required_tables` are those it cannot run without)."""
        found = dict.fromkeys(m.group(1) for m in _PLACEHOLDER.finditer(self.sql))
        return tuple(name for name in found if name not in PARAMS)

    @property
    def required_tables(self) -> tuple[str, ...]:
        """The tables without which the rule cannot run (it is skipped)."""
        return tuple(t for t in self.tables_used if t not in self.optional)

    def render(self, tables: dict[str, str], params: dict[str, object], year: int) -> str:
        """The SQL with tables, the year's code lists and run parameters filled in."""
        sql = _CODES.sub(lambda m: code_list_sql(m.group(1), year), self.sql)
        relations = {
            t: tables[t] if t in tables else empty_table(t) if t in self.optional else t
            for t in self.tables_used
        }
        return sql.format_map({**relations, **params})


def empty_table(name: str) -> str:
    """A table the return lacks, as an empty relation: a return table with its typed
    columns, a derived placeholder as EMPTY_DERIVED gives it."""
    if name in EMPTY_DERIVED:
        return f"({EMPTY_DERIVED[name]})"
    typed = tr.typed_sql(name.removesuffix("_last"), "(select 1 as none where false)", set())
    return f"({typed})"


def _season(year: int) -> str:
    return f"{year - 1}-{year % 100:02d}"


def code_list_sql(field_name: str, year: int) -> str:
    """A SQL list literal of the codes of a 903 field valid in collection year `year`."""
    values = ", ".join(literal(c) for c in sorted(codes(field_name, year)))
    return f"({values or 'null'})"


def legal_status_longer_than(legal_status: str, max_days: int) -> str:
    """Rows of runs of a legal status lasting more than `max_days` (rules 361 to 364).

    Short statuses (police protection, EPO, child assessment order, PACE) have a legal
    maximum; contiguous episodes with the status (one's DEC is the next's DECOM) are one run,
    and an open episode runs to the end of the collection year.
    """
    return f"""
        with runs as (
            select *, sum(case when PREV_DEC = DECOM then 0 else 1 end)
                over (partition by CHILD order by DECOM, _row_number) as run_no
            from (
                select *, lag(coalesce(DEC, {{collection_end}})) over (
                    partition by CHILD order by DECOM, _row_number) as PREV_DEC
                from {{episodes}} where LS = '{legal_status}' and DECOM is not null
            )
        ), long_runs as (
            select CHILD, run_no from runs group by CHILD, run_no
            having date_diff('day', min(DECOM), max(coalesce(DEC, {{collection_end}})))
                > {max_days}
        )
        select CHILD, LS, DECOM, DEC, _source_file, _row_number
        from runs join long_runs using (CHILD, run_no)
    """
