"""DfE rule 399. A child only ever on short breaks (every episode V3 or V4) records no mother
status, reviews or review participation. Each of the child's episodes, header rows and
review rows is flagged when any of them records one (a review row or a header row is flagged
for what the other file records, as the validator joins them).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="399",
    message=(
        "Mother field, review field or participation field are completed but child is looked "
        "after under legal status V3 or V4."
    ),
    table="episodes",
    fields=("LS", "MOTHER", "REVIEW", "REVIEW_CODE"),
    severity=WARNING,
    table_column=True,
    sql="""
        with short_breaks_only as (
            select CHILD from {episodes}
            where CHILD is not null
            group by CHILD
            having bool_and(coalesce(LS in ('V3', 'V4'), false))
        ), mothers as (
            select CHILD, bool_or(MOTHER is not null) as any_mother
            from {header} where CHILD in (select CHILD from short_breaks_only)
            group by CHILD
        ), reviewed as (
            select CHILD, bool_or(REVIEW_text is not null or REVIEW_CODE is not null) as any_review
            from {reviews} where CHILD in (select CHILD from short_breaks_only)
            group by CHILD
        )
        select 'episodes' as _table, e.CHILD, e.LS, null as MOTHER, null as REVIEW,
            null as REVIEW_CODE, e._source_file, e._row_number
        from {episodes} as e
        left join mothers as m on m.CHILD = e.CHILD
        left join reviewed as r on r.CHILD = e.CHILD
        where e.CHILD in (select CHILD from short_breaks_only)
          and (coalesce(m.any_mother, false) or coalesce(r.any_review, false))
        union all
        select 'header', h.CHILD, null, h.MOTHER, null, null, h._source_file, h._row_number
        from {header} as h
        left join reviewed as r on r.CHILD = h.CHILD
        where h.CHILD in (select CHILD from short_breaks_only)
          and (h.MOTHER is not null or coalesce(r.any_review, false))
        union all
        select 'reviews', v.CHILD, null, null, v.REVIEW_text, v.REVIEW_CODE,
            v._source_file, v._row_number
        from {reviews} as v
        left join mothers as m on m.CHILD = v.CHILD
        where v.CHILD in (select CHILD from short_breaks_only)
          and (v.REVIEW_text is not null or v.REVIEW_CODE is not null
               or coalesce(m.any_mother, false))
    """,
)
