"""DfE rule 1012. A child with no episode in the year (an OC3 care leaver, say) has no other
rows in the return: adoption, missing, reviews, OC2 rows of a child without an episode are
flagged, in each of those files that was supplied.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1012",
    message=(
        "No other data should be returned for OC3 children who had no episodes in the current year"
    ),
    table="episodes",
    fields=("CHILD",),
    severity=WARNING,
    table_column=True,
    optional=("placed_for_adoption", "missing", "reviews", "ad1", "previous_permanence", "oc2"),
    sql="""
        with known as (select distinct CHILD from {episodes})
        select 'placed_for_adoption' as _table, CHILD, _source_file, _row_number
        from {placed_for_adoption} as x
        where not exists (select 1 from known where known.CHILD is not distinct from x.CHILD)
        union all
        select 'missing' as _table, CHILD, _source_file, _row_number
        from {missing} as x
        where not exists (select 1 from known where known.CHILD is not distinct from x.CHILD)
        union all
        select 'reviews' as _table, CHILD, _source_file, _row_number
        from {reviews} as x
        where not exists (select 1 from known where known.CHILD is not distinct from x.CHILD)
        union all
        select 'ad1' as _table, CHILD, _source_file, _row_number
        from {ad1} as x
        where not exists (select 1 from known where known.CHILD is not distinct from x.CHILD)
        union all
        select 'previous_permanence' as _table, CHILD, _source_file, _row_number
        from {previous_permanence} as x
        where not exists (select 1 from known where known.CHILD is not distinct from x.CHILD)
        union all
        select 'oc2' as _table, CHILD, _source_file, _row_number
        from {oc2} as x
        where not exists (select 1 from known where known.CHILD is not distinct from x.CHILD)
    """,
)
