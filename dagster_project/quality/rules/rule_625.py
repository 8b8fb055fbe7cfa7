"""DfE rule 625. A mother's first child is born by the year end and, for a child who left care,
by the end of the child's latest episode. As the validator reads it, only children with an
ended episode are checked. Reported on the latest episode and the header row.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="625",
    message=(
        "Date of birth of the first child is beyond the end of this reporting year or the date "
        "the child ceased to be looked after."
    ),
    table="header",
    fields=("MC_DOB", "DEC"),
    severity=WARNING,
    table_column=True,
    sql="""
        with latest as (
            select * from {episodes}
            where CHILD is not null and DEC is not null
            qualify row_number() over (partition by CHILD order by DEC desc, _row_number) = 1
        ), flagged as (
            select e.CHILD, h.MC_DOB, e.DEC,
                e._source_file as episode_file, e._row_number as episode_row,
                h._source_file as header_file, h._row_number as header_row
            from latest as e join {header} as h on h.CHILD = e.CHILD
            where h.MC_DOB > {collection_end} or h.MC_DOB > e.DEC
        )
        select 'episodes' as _table, CHILD, MC_DOB, DEC,
            episode_file as _source_file, episode_row as _row_number
        from flagged
        union all
        select distinct 'header', CHILD, MC_DOB, null, header_file, header_row
        from flagged
    """,
)
