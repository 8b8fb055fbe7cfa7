"""DfE rule 210. UPN code UN4 ("UPN not yet obtained") against when the child came into
care. DfE's rule text, which the validator applies: with UPN UN4, no episode starts on or
after 24 March of the collection year (the message words the intent the other way round;
the rule text decides, and the validator's fixtures pin it). Reported on the episode and
on the child's header row.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="210",
    message=(
        "Children looked after for more than a week at 31 March should not have an unknown "
        "Unique Pupil Number (UPN) code of UN4."
    ),
    table="header",
    fields=("UPN", "DECOM"),
    severity=WARNING,
    table_column=True,
    sql="""
        with flagged as (
            select e.CHILD, h.UPN, e.DECOM,
                e._source_file as episode_file, e._row_number as episode_row,
                h._source_file as header_file, h._row_number as header_row
            from {episodes} as e join {header} as h on h.CHILD = e.CHILD
            where h.UPN = 'UN4'
              and e.DECOM >= make_date(year({collection_end}), 3, 24)
        )
        select 'episodes' as _table, CHILD, UPN, DECOM,
            episode_file as _source_file, episode_row as _row_number
        from flagged
        union all
        select distinct 'header', CHILD, UPN, null, header_file, header_row
        from flagged
    """,
)
