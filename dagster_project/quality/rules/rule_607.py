"""DfE rule 607. A girl who ceased to be looked after in the year (an episode ending in the
year with a reason other than X1, not a short break) has the mother field completed. SEX is
2 until 2023-24 and F from 2024-25. Reported on the episodes and the header row.
"""

from dagster_project.quality.rule import WARNING, Rule


def _mother_blank(female: str) -> str:
    return f"""
        with flagged as (
            select e.CHILD, e.DEC, e.REC, e.LS, h.SEX, h.MOTHER,
                e._source_file as episode_file, e._row_number as episode_row,
                h._source_file as header_file, h._row_number as header_row
            from {{episodes}} as e join {{header}} as h on h.CHILD = e.CHILD
            where e.DEC between {{collection_start}} and {{collection_end}}
              and e.REC <> 'X1'
              and coalesce(e.LS not in ('V3', 'V4'), true)
              and h.SEX = '{female}' and h.MOTHER is null
        )
        select 'episodes' as _table, CHILD, DEC, REC, LS, SEX, MOTHER,
            episode_file as _source_file, episode_row as _row_number
        from flagged
        union all
        select distinct 'header', CHILD, null, null, null, SEX, MOTHER, header_file, header_row
        from flagged
    """


_MESSAGE = "Child ceased to be looked after in the year, but mother field has not been completed."
_FIELDS = ("DEC", "REC", "LS", "SEX", "MOTHER")
RULES = (
    Rule(
        code="607",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        table_column=True,
        sql=_mother_blank("2"),
        last_year=2024,
    ),
    Rule(
        code="607",
        message=_MESSAGE,
        table="episodes",
        fields=_FIELDS,
        severity=WARNING,
        table_column=True,
        sql=_mother_blank("F"),
        first_year=2025,
    ),
)
