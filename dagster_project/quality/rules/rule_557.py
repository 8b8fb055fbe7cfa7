"""DfE rule 557. A child who left care other than by adoption after a decision to place for
adoption (placed for adoption, PLACE A3 to A6, or under a placement order) needs that
decision reversed: an episode ended with a REC other than adoption (E11, E12) or
continuation (X1) is reported when the child has no placed for adoption row or one whose
reversal date or reason is blank, and so is that row. DfE counted freeing orders (LS D1)
too until 2023-24.
"""

from dagster_project.quality.rule import WARNING, Rule

_MESSAGE = (
    "Child for whom the decision was made that they should be placed for adoption has left "
    "care but was not adopted and information on the decision that they should no longer be "
    "placed for adoption items has not been completed."
)


def _sql(orders: str) -> str:
    return f"""
        with left_care as (
            select CHILD, PLACE, LS, REC, _source_file, _row_number from {{episodes}}
            where (PLACE in ('A3', 'A4', 'A5', 'A6') or LS in {orders})
              and REC is not null and REC not in ('E11', 'E12', 'X1')
        ), open_decisions as (
            select * from {{placed_for_adoption}}
            where DATE_PLACED_CEASED_text is null or REASON_PLACED_CEASED is null
        )
        select 'episodes' as _table, e.CHILD, e.PLACE, e.LS, e.REC,
            null as DATE_PLACED_CEASED, null as REASON_PLACED_CEASED,
            e._source_file, e._row_number
        from left_care e
        where e.CHILD in (select CHILD from open_decisions where CHILD is not null)
           or e.CHILD not in (
               select CHILD from {{placed_for_adoption}} where CHILD is not null)
        union all
        select 'placed_for_adoption', p.CHILD, null, null, null,
            p.DATE_PLACED_CEASED_text, p.REASON_PLACED_CEASED, p._source_file, p._row_number
        from open_decisions p
        where p.CHILD in (select CHILD from left_care)
    """


RULES = (
    Rule(
        code="557",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "LS", "REC", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
        severity=WARNING,
        table_column=True,
        last_year=2024,
        sql=_sql("('D1', 'E1')"),
    ),
    Rule(
        code="557",
        message=_MESSAGE,
        table="episodes",
        fields=("PLACE", "LS", "REC", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
        severity=WARNING,
        table_column=True,
        first_year=2025,
        sql=_sql("('E1')"),
    ),
)
