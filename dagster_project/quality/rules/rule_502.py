"""DfE rule 502. An episode left open (no DEC given) in last year's return is the one this
year's return starts with: the child's first episode this year starts on the same date (a
start that is not a date never matches).
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="502",
    message=(
        "Last year's record ended with an open episode. The date on which that episode started "
        "does not match the start date of the first episode on this year’s record."
    ),
    table="episodes",
    fields=("DECOM",),
    severity=WARNING,
    sql="""
        with first_episode as (
            select * from {episodes}
            where CHILD is not null and DECOM is not null
            qualify row_number() over (partition by CHILD order by DECOM, _row_number) = 1
        ), open_last_year as (
            select CHILD, DECOM from {episodes_last}
            where CHILD is not null and DEC_text is null
        )
        select f.CHILD, f.DECOM, f._source_file, f._row_number
        from first_episode as f
        where exists (
            select 1 from open_last_year as l
            where l.CHILD = f.CHILD and coalesce(l.DECOM <> f.DECOM, true)
        )
    """,
)
