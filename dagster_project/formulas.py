"""Keep spreadsheet programs from running values as formulas (OWASP "CSV injection").

A child ID `=HYPERLINK("http://x","y")` or `+cmd|' /C calc'!A0` in an input file reaches
`findings.csv`, and an LA name from a DfE file reaches the Panel workbook. Excel, LibreOffice
and Google Sheets treat a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as
a formula. OWASP's rule: prefix such a cell with a single quote, so it shows as the text it
is. A value that is a plain number (`-5`, `+1.5`) cannot run anything and stays as it is,
so negative figures and scores keep their meaning.
"""

from __future__ import annotations

import re

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise(value: object) -> object:
    """`value` with a leading `'` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell neutralised (numbers and booleans untouched).

    Only the cells that start with a trigger go through `neutralise`: the column is
    searched once (pandas' string methods) instead of calling Python per cell, a third of
    the time `cla validate` spent writing 20,000 findings."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if not (pd.api.types.is_string_dtype(series) or series.dtype == object):
            continue
        try:
            flagged = series.str.startswith(TRIGGERS, na=False).astype(bool)
        except AttributeError:  # text mixed with numbers: pandas has no .str for it
            out[column] = series.map(neutralise, na_action="ignore")
            continue
        if flagged.any():
            out.loc[flagged, column] = series[flagged].map(neutralise)
    return out
