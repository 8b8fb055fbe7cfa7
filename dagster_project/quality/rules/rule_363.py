"""DfE rule 363. A child assessment order lasts at most 7 days. Contiguous episodes with the
status count as one run.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="363",
    message=(
        "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989."
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
        from {episodes} where LS = 'L3' and DECOM is not null
        )
        ), long_runs as (
        select CHILD, run_no from runs group by CHILD, run_no
        having date_diff('day', min(DECOM), max(coalesce(DEC, {collection_end}))) > 7
        )
        select CHILD, LS, DECOM, DEC, _source_file, _row_number
        from runs join long_runs using (CHILD, run_no)
    """,
)
