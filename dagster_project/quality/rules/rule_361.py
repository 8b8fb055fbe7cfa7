"""DfE rule 361. Police protection lasts at most 72 hours. Contiguous episodes with the status
count as one run.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="361",
    message=(
        "Police protection legal status lasted longer than maximum 72 hours allowed in "
        "the Children Act 1989."
    ),
    table="episodes",
    fields=("LS", "DECOM", "DEC"),
    severity=WARNING,
    sql="""
        with runs as (
        select *, sum(case when PREV_DEC = DECOM then 0 else 1 end)
        over (partition by CHILD order by DECOM, _row_number) as run_no
        from (
        select *, lag(coalesce(DEC, {collection_end})) over (
        partition by CHILD order by DECOM, _row_number) as PREV_DEC
        from {episodes} where LS = 'L1' and DECOM is not null
        )
        ), long_runs as (
        select CHILD, run_no from runs group by CHILD, run_no
        having date_diff('day', min(DECOM), max(coalesce(DEC, {collection_end}))) > 3
        )
        select CHILD, LS, DECOM, DEC, _source_file, _row_number
        from runs join long_runs using (CHILD, run_no)
    """,
)
