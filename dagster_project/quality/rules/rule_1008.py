"""DfE rule 1008. A URN given (other than XXXXXXX, "not known") is one of Ofsted's registered
providers. Needs Ofsted's provider lists (`{provider_info}`), which a validator user uploads
and no input of the pipeline carries: skipped without them.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1008",
    message="Ofsted Unique Reference Number (URN) is not valid.",
    table="episodes",
    fields=("URN",),
    severity=WARNING,
    sql="""
        select e.CHILD, e.URN, e._source_file, e._row_number
        from {episodes} as e
        where e.URN is not null and e.URN <> 'XXXXXXX'
          and e.URN not in (select URN from {provider_info} where URN is not null)
    """,
)
