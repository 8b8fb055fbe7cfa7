"""A DoLO beside the child's episodes it overlaps, as DfE's rules 709 and 710 compare them:
a DoLO with both dates given, an episode overlapping it when it started by the episode's
end (or the episode is open) and ended on or after the episode's start.

Not a rule module (the registry reads `rule_*.py` only).
"""

from __future__ import annotations


def overlapping_placements(place_is_wrong: str) -> str:
    """The DoLO rows and the episode rows of overlaps where `place_is_wrong` (about the
    episode's PLACE) holds."""
    return f"""
        with wrong as (
            select d.CHILD, d.DOLO_START, d.DOLO_END, e.PLACE,
                d._source_file as d_file, d._row_number as d_row,
                e._source_file as e_file, e._row_number as e_row
            from {{dolo}} d join {{episodes}} e on e.CHILD = d.CHILD
            where d.DOLO_START_text is not null and d.DOLO_END_text is not null
              and (d.DOLO_START <= e.DEC or e.DEC is null) and d.DOLO_END >= e.DECOM
              and {place_is_wrong}
        )
        select distinct 'dolo' as _table, CHILD, DOLO_START, DOLO_END, PLACE,
            d_file as _source_file, d_row as _row_number
        from wrong
        union
        select distinct 'episodes', CHILD, DOLO_START, DOLO_END, PLACE, e_file, e_row
        from wrong
    """
