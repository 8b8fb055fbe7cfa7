"""Checks several DfE rules share: a file's child must be in the header, with the same date
of birth (INT04-INT18), and an item that disagrees with last year's header (202-208).

Not a rule module (the registry reads `rule_*.py` only): each rule file calls one of these
with its table, so the rule still reads whole in its own file.
"""

from __future__ import annotations


def child_not_in_header(table: str) -> str:
    """Rows of `table` whose child has no header row (a blank CHILD matches a blank one,
    as DfE's validator joins them)."""
    return f"""
        select f.CHILD, f._source_file, f._row_number
        from {{{table}}} f anti join {{header}} h on f.CHILD is not distinct from h.CHILD
    """


def dob_differs_from_header(table: str) -> str:
    """Rows of `table` whose date of birth is a date and another than the header's."""
    return f"""
        select f.CHILD, f.DOB, f._source_file, f._row_number
        from {{{table}}} f semi join {{header}} h
            on f.CHILD is not distinct from h.CHILD and f.DOB <> h.DOB
    """


def differs_from_last_year(condition: str, fields: str) -> str:
    """Header rows of children in last year's header too, where `condition` holds (`h` is
    this year's row, `l` last year's)."""
    return f"""
        select distinct h.CHILD, {fields}, h._source_file, h._row_number
        from {{header}} h join {{header_last}} l on h.CHILD = l.CHILD
        where {condition}
    """
