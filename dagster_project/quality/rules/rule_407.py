"""DfE rule 407. A special guardianship order (REC E45-E48) is made before 18: the episode does
not end after the child's 18th birthday. Reported on the episode and on the child's header
row.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="407",
    message="Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
    table="episodes",
    fields=("REC", "DEC", "DOB"),
    severity=WARNING,
    table_column=True,
    sql="""
        with flagged as (
            select e.CHILD, e.REC, e.DEC, h.DOB,
                e._source_file as episode_file, e._row_number as episode_row,
                h._source_file as header_file, h._row_number as header_row
            from {episodes} as e join {header} as h on h.CHILD = e.CHILD
            where e.REC in ('E45', 'E46', 'E47', 'E48') and dq_plus_years(h.DOB, 18) < e.DEC
        )
        select 'episodes' as _table, CHILD, REC, DEC, DOB,
            episode_file as _source_file, episode_row as _row_number
        from flagged
        union all
        select distinct 'header', CHILD, null, null, DOB, header_file, header_row
        from flagged
    """,
)
