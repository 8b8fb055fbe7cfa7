"""DfE rule 364. PACE accommodation is short; DfE's rule allows 21 days. Contiguous episodes
with the status count as one run.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="364",
    message=(
        "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the "
        "time a child can be detained in custody in Local Authority (LA) accommodation."
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
        from {episodes} where LS = 'J2' and DECOM is not null
        )
        ), long_runs as (
        select CHILD, run_no from runs group by CHILD, run_no
        having date_diff('day', min(DECOM), max(coalesce(DEC, {collection_end}))) > 21
        )
        select CHILD, LS, DECOM, DEC, _source_file, _row_number
        from runs join long_runs using (CHILD, run_no)
    """,
)
