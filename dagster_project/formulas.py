"""Keep spreadsheet programs from running values as formulas (OWASP "CSV injection").

A child ID `=HYPERLINK("http://x","y")` or `+cmd|' /C calc'!A0` in an input file reaches
`findings.csv`, and an LA name from a DfE file reaches the Panel workbook. Excel, LibreOffice
and Google Sheets treat a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as
a formula. OWASP's rule: prefix such a cell with a single quote, so it shows as the text it
is. A value that is a plain number (`-5`, `+1.5`, ASCII digits only, nothing after it, not
even a line break) cannot run anything and stays as it is, so negative figures and scores
keep their meaning.

One rule, two spellings: `neutralise` for a Python value (the Panel workbook) and
`neutralise_sql` for a DuckDB text expression (the findings files, written by DuckDB). Both
are built from `TRIGGERS` and `PLAIN_NUMBER` below; tests/publication/test_formula_injection.py
checks that they change exactly the same values.
"""

from __future__ import annotations

import re

from dagster_project.sql_text import literal

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# a whole value: Python's `fullmatch` and RE2's `^...$` then mean the same (RE2's `$` is the
# end of the text; Python's `$` would also match before a final newline)
PLAIN_NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER)


def neutralise(value: object) -> object:
    """`value` with a leading `'` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_sql(expression: str) -> str:
    """DuckDB SQL for `neutralise` of a VARCHAR `expression` (NULL stays NULL).

    The trigger is a prefix, as `str.startswith` tests it (a character, not a grapheme:
    a CR of a CRLF counts); the number is RE2's match of the same pattern as `neutralise`."""
    starts = " or ".join(f"starts_with({expression}, {literal(t)})" for t in TRIGGERS)
    number = literal(f"^{PLAIN_NUMBER}$")
    return (
        f"(case when ({starts})"
        f" and not regexp_matches({expression}, {number})"
        f" then '''' || {expression} else {expression} end)"
    )
