"""A text as a SQL string literal, the one way statements here write a constant text.

For what DuckDB cannot take as a parameter: DDL (`comment on ... is '...'`), the text of a
view or macro, a statement sent as one script. Each quote is doubled; nothing else in a
DuckDB string literal is special.
"""

from __future__ import annotations


def literal(text: str) -> str:
    """`text` as a SQL string literal: `'...'`, each `'` doubled."""
    return "'" + text.replace("'", "''") + "'"
