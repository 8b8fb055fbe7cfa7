"""The UASC status of each child of a return and of last year's, as DfE's rules 205A-205D
read it: the header's UASC flag (an item of an XML return; for CSV derived from the UASC
file, quality/context.py). When a year's header was not supplied, the flag is taken from
that year's UASC file: 1 for a row with its sex or date UASC ceased given, as DfE's
validator does.

Not a rule module (the registry reads `rule_*.py` only).
"""

from __future__ import annotations


def flags(suffix: str = "") -> str:
    """SQL: CHILD, UASC and the row it was read from (`src_table` header or uasc,
    `src_file`, `src_row`)."""
    header, uasc = "{header" + suffix + "}", "{uasc" + suffix + "}"
    return f"""
        select CHILD, UASC, 'header' as src_table, _source_file as src_file,
            _row_number as src_row
        from {header}
        union all
        select CHILD,
            case when SEX is not null or DUC_text is not null then '1' else '0' end,
            'uasc', _source_file, _row_number
        from {uasc}
        where not exists (select 1 from {header})
    """


def years_sql() -> str:
    """Each row of this year's UASC file with this year's flag and last year's UASC row and
    flag beside it (CTEs `this_year`, `last_year`, `both_years`)."""
    return f"""
        this_year as (
            select u.CHILD, u.DOB, u.DUC, u.DUC_text, h.UASC,
                case when h.src_table = 'header' then h.src_file end as h_file,
                case when h.src_table = 'header' then h.src_row end as h_row,
                u._source_file, u._row_number
            from {{uasc}} u left join ({flags()}) h on h.CHILD = u.CHILD
        ),
        last_year as (
            select u.CHILD, u.DUC, dq_plus_years(u.DOB, 18) as DOB18, h.UASC
            from {{uasc_last}} u left join ({flags("_last")}) h on h.CHILD = u.CHILD
        ),
        both_years as (
            select t.*, l.DUC as DUC_last, l.DOB18, l.UASC as UASC_last
            from this_year t left join last_year l on l.CHILD = t.CHILD
        )
    """


def report(where: str) -> str:
    """The UASC rows, and the header rows when the header was supplied, of `both_years`
    where `where` holds. An XML return carries the flag in its header only: without both
    years' headers there is nothing to compare, as DfE's validator reads it."""
    where = f"""({where}) and ({{file_format}} = 'csv'
        or (exists (select 1 from {{header}}) and exists (select 1 from {{header_last}})))"""
    return f"""
        select distinct 'uasc' as _table, CHILD, DUC_text as DUC, UASC,
            _source_file, _row_number
        from both_years where {where}
        union
        select 'header', CHILD, DUC_text, UASC, h_file, h_row from both_years
        where {where} and h_row is not null
    """
