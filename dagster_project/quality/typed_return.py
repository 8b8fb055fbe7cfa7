"""The return as submitted, typed as the DfE validator reads it: what every DfE rule reads.

DfE's rules check a return as the local authority sent it, so they read the landed text,
never the cleaned marts: a REC on an open episode, text in a numeric OC2 item, a duplicate
row or a blank date all stay visible. Typing happens in two steps, both plain SQL built
here (no dbt, so `cla validate` needs neither dbt nor Dagster):

1. *as seen*: the text as the validator reads a CSV: blank is null, codes upper-cased and
   trimmed, the child's ID trimmed (`seen_sql`). A test fixture of the validator's own
   enters here, its values being what the validator's rule functions see.
2. *typed* (`typed_sql`): dates parsed by the one date definition (`date_forms`, shared
   with dbt and the GX suites), numbers cast where DfE treats them as numbers, and the
   given text kept beside each as `<FIELD>_text`, so a rule sees both `DOB` (a DATE, null
   when the text is not a date) and `DOB_text` (what was written). `DATE_PERM`, which DfE
   lets the LA give partly unknown (`ZZ/ZZ/2010`), stays text: the `dq_partial_date_*`
   macros (quality/sql.py) read it.

Every row keeps `_source_file` and `_row_number` (its file and 1-based data row). Episodes
also carry what the validator derives from postcodes (context.py: `PL_DISTANCE` in miles,
from the ONS postcode directory, with `PL_DISTANCE_text` as given; `PL_LA`, the placement's
children's services authority; `PL_LOCATION`, IN or OUT of the reporting LA), and the
header a `UASC` flag ('1' when the child is in the return's UASC file), as the validator
adds them.
"""

from __future__ import annotations

from dagster_project.date_forms import parse_date_sql
from dagster_project.ssda903_files import DATE_COLUMNS, RETURN_FILES

# Items DfE treats as numbers (the SDQ score, 0 to 40); every other item is a code.
NUMBERS = frozenset({"SDQ_SCORE"})
IDS = frozenset({"CHILD"})  # trimmed, case kept: the ID a caseworker searches for
# Columns the validator derives when it reads a return, beside the file's own.
DERIVED = {
    "episodes": {"PL_DISTANCE": "double", "PL_LA": "varchar", "PL_LOCATION": "varchar"},
    "header": {"UASC": "varchar"},
}
PROVENANCE = {"_source_file": "varchar", "_row_number": "bigint"}
# Where a row came from: 'ssda903' (a landed file), 'mosaic' (derived from the extract).
ORIGIN = {"source_system": "varchar"}


def columns(table: str) -> tuple[str, ...]:
    """The file's columns, in DfE's order."""
    return RETURN_FILES[table]


def kind(column: str) -> str:
    if column in DATE_COLUMNS:
        return "date"
    if column in NUMBERS:
        return "number"
    if column in IDS:
        return "id"
    return "code"


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def seen_expr(column: str, expr: str) -> str:
    """SQL: a landed text value as the validator reads it."""
    if kind(column) == "code":
        return f"nullif(upper(trim({expr})), '')"
    return f"nullif(trim({expr}), '')"


def seen_sql(table: str, relation: str, present: set[str], extra: dict[str, str]) -> str:
    """The landed rows of `relation` (text, with provenance) as the validator reads them.

    `present` are the columns the relation has (a file may lack optional ones: null);
    `extra` maps derived columns to the SQL computing them (e.g. PL_DISTANCE).
    """
    select = [
        seen_expr(c, f"r.{q(c)}") + f" as {q(c)}"
        if c in present
        else f"cast(null as varchar) as {q(c)}"
        for c in columns(table)
    ]
    select += [f"{expr} as {q(name)}" for name, expr in extra.items()]
    select += [f"r.{q(c)}" for c in PROVENANCE]
    select += [f"'ssda903' as {q(c)}" for c in ORIGIN if c not in extra]
    return f"select {', '.join(select)} from {relation} as r"


def typed_sql(table: str, seen: str, present: set[str] | None = None) -> str:
    """The typed return table from an *as seen* relation (text columns, provenance).

    Columns absent from `present` (default: all) are null; derived columns (DERIVED) pass
    through when present.
    """
    have = set(columns(table)) | set(DERIVED.get(table, {})) | set(PROVENANCE) | set(ORIGIN)
    if present is not None:
        have &= present
    select: list[str] = []
    for column in columns(table):
        value = f"s.{q(column)}" if column in have else "cast(null as varchar)"
        match kind(column):
            case "date":
                select.append(f"{parse_date_sql(value)} as {q(column)}")
                select.append(f"{value} as {q(column + '_text')}")
            case "number":
                select.append(f"try_cast({value} as double) as {q(column)}")
                select.append(f"{value} as {q(column + '_text')}")
            case _:
                select.append(f"{value} as {q(column)}")
    for name, sql_type in {**DERIVED.get(table, {}), **PROVENANCE, **ORIGIN}.items():
        value = f"s.{q(name)}" if name in have else "null"
        select.append(f"try_cast({value} as {sql_type}) as {q(name)}")
        if name in DERIVED.get(table, {}) and sql_type != "varchar":
            # as given (a fixture's distance may be text): whether one was given at all
            select.append(f"cast({value} as varchar) as {q(name + '_text')}")
    return f"select {', '.join(select)} from {seen} as s"
