"""DfE rule 553. A placement order (LS E1) means a decision to place for adoption: an
episode under the order whose child has no placed for adoption row is reported; while
the order is open (the episode has no end date) none of the child's decisions can have
been reversed (a reversal date or reason given).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="553",
    message=(
        "Placement order has been granted but there is no date of decision that the "
        "child should be placed for adoption."
    ),
    table="episodes",
    fields=("LS", "DEC", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    severity=WARNING,
    table_column=True,
    sql="""
        select 'episodes' as _table, CHILD, LS, DEC_text as DEC, null as DATE_PLACED_CEASED,
            null as REASON_PLACED_CEASED, _source_file, _row_number
        from {episodes}
        where LS = 'E1'
          and CHILD not in (select CHILD from {placed_for_adoption} where CHILD is not null)
        union all
        select 'placed_for_adoption', p.CHILD, null, null,
            p.DATE_PLACED_CEASED_text, p.REASON_PLACED_CEASED, p._source_file, p._row_number
        from {placed_for_adoption} p
        where (p.DATE_PLACED_CEASED_text is not null or p.REASON_PLACED_CEASED is not null)
          and p.CHILD in (
              select CHILD from {episodes} where LS = 'E1' and DEC_text is null)
    """,
)
