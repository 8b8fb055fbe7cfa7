"""One DfE SSDA903 validation rule: its code and message as DfE words them, and its SQL.

A rule is data plus one SQL query over the warehouse, so a reviewer reads the whole rule in
one file and the warehouse does the work (no row-by-row Python). The query returns the
failing rows only, with `CHILD`, the rule's `fields`, `_source_file` and `_row_number`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.codes import codes

BLOCKING = "blocking"
WARNING = "warning"
OFF = "off"
SEVERITIES = (BLOCKING, WARNING, OFF)

# Placeholders a rule's SQL may use. Tables are views the engine prepares for each run.
TABLES = (
    "episodes",  # episodes open at any time in the collection year (the return's rows)
    "episodes_all",  # every episode of every year, for chain checks across years
    "header",
    "uasc",
    "oc2",  # rows of the collection year
    "oc3",
    "missing",
    "reviews",
    "raw_episodes",  # text as landed (ssda903 source): date validity needs the given text
    "raw_header",
    "raw_uasc",
    "raw_missing",
    "raw_reviews",
    "postcodes",
    "episodes_ordered",  # episodes of the year, each with its neighbours (see sql.py)
    "episodes_all_ordered",
    "oc2_cohort",  # children looked after continuously for 12 months at 31 March
    "oc3_cohort",  # care leavers of the OC3 cohort at 31 March, with has_status
)
_CODES = re.compile(r"\{codes:([A-Z_]+)\}")


@dataclass(frozen=True)
class Rule:
    """A DfE SSDA903 validation rule.

    `table` is the 903 table whose rows the rule reports (DfE's name, e.g. `episodes`);
    `fields` are the columns a caseworker must look at, selected by `sql` under those names.
    The SQL may call the `dq_*` macros of `quality/sql.py` (valid dates, ages, 0/1 items).
    """

    code: str
    message: str
    table: str
    fields: tuple[str, ...]
    sql: str
    severity: str = WARNING
    table_column: bool = False  # the SQL returns `_table` (a rule reporting rows of two tables)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.code}: unknown severity {self.severity!r}")

    @property
    def tables_used(self) -> tuple[str, ...]:
        """Context tables the SQL reads (a rule is skipped when one does not exist)."""
        return tuple(t for t in TABLES if "{" + t + "}" in self.sql)

    def render(self, tables: dict[str, str], params: dict[str, object]) -> str:
        """The SQL with tables, code lists and run parameters filled in."""
        sql = _CODES.sub(lambda m: code_list_sql(m.group(1)), self.sql)
        values = {**{t: tables.get(t, t) for t in TABLES}, **params}
        return sql.format_map(values)


def code_list_sql(field_name: str) -> str:
    """A SQL list literal of the valid codes of a 903 field, from the one code list."""
    values = ", ".join("'" + c.replace("'", "''") + "'" for c in sorted(codes(field_name)))
    return f"({values})"


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
