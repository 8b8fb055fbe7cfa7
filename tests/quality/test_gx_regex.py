"""GX's regexes written for pyarrow (quality/gx_runner.py `arrow_regex`): the same matches.

pandas runs a pattern holding `\\s` through Python's `re` row by row; `arrow_regex` spells
`\\s` out so pandas can use pyarrow's RE2 over the column. Every regex the suites use is
checked here, on values chosen to sit on each edge (Unicode and ASCII whitespace that
RE2's own `\\s` misses, case, newlines, blanks): pandas' answer for the rewritten pattern,
on the string column GX gets, must be Python's `re.search` answer for the original.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from dagster_project.quality.gx_runner import arrow_regex, load_suites, suite_parameters

EDGES = [
    "",
    " ",
    "M",
    " m ",
    "M\t",
    "\x0bM\x0b",  # vertical tab: Python's \s, not RE2's
    "\xa0M\xa0",  # no-break space
    "\u3000F",  # ideographic space
    "\u200bF",  # zero-width space: not whitespace for Python either
    "M\n",
    "M\nF",
    "\n",
    "MF",
    "Z11",
    "z1",
    "31/03/2025",
    " 31/03/2025 ",
    "2025-03-31T10:00:00",
    "2025-03-31 10:00",
    "31/03/25",
    "31/03/2025\n",
    "\u20022025-3-1",
    "WBRI",
    "wbri\u2028",
]


def _patterns() -> list[str]:
    found = {v for k, v in suite_parameters().items() if "regex" in k}
    for layer in ("raw", "staging", "marts"):
        for suite in load_suites(layer):
            for expectation in suite.body["expectations"]:
                regex = (expectation.get("kwargs") or {}).get("regex")
                if isinstance(regex, str):
                    found.add(regex)
    return sorted(found)


def test_the_suites_regexes_hold_whitespace_escapes() -> None:
    # what this file guards: without \s in them the rewrite would be checking nothing
    assert sum("\\s" in p for p in _patterns()) >= 20


@pytest.mark.parametrize("pattern", _patterns(), ids=lambda p: json.dumps(p)[:40])
def test_pandas_matches_the_rewritten_pattern_as_python_matches_the_original(
    pattern: str,
) -> None:
    rewritten = arrow_regex(pattern)
    assert "\\s" not in rewritten
    column = pd.Series(EDGES, dtype="str")
    ours = column.astype(str).str.contains(rewritten).tolist()
    python = [re.search(pattern, value) is not None for value in EDGES]
    assert ours == python
    # pyarrow's RE2 runs it (pandas goes back to Python's re only for a column holding a
    # newline, where the two read `$` differently)
    no_newline = pd.Series([v for v in EDGES if "\n" not in v], dtype="str")
    assert not no_newline.array._needs_python_regex(rewritten)
