"""DfE rule 234 (from 2025-26). A child under 10 cannot be admitted to custody: an episode
starting before the child's 10th birthday does not give CUSTOD as its reason for placement
change. Reported on the episode and on the child's header row.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="234",
    message="A child aged under 10 can not change placement due to being admitted to custody",
    table="episodes",
    fields=("REASON_PLACE_CHANGE", "DECOM", "DOB"),
    severity=WARNING,
    table_column=True,
    first_year=2026,
    sql="""
        with flagged as (
            select e.CHILD, e.REASON_PLACE_CHANGE, e.DECOM, h.DOB,
                e._source_file as episode_file, e._row_number as episode_row,
                h._source_file as header_file, h._row_number as header_row
            from {episodes} as e join {header} as h on h.CHILD = e.CHILD
            where e.REASON_PLACE_CHANGE = 'CUSTOD' and e.DECOM < dq_plus_years(h.DOB, 10)
        )
        select 'episodes' as _table, CHILD, REASON_PLACE_CHANGE, DECOM, DOB,
            episode_file as _source_file, episode_row as _row_number
        from flagged
        union all
        select distinct 'header', CHILD, null, null, DOB, header_file, header_row
        from flagged
    """,
)
