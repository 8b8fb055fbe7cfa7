"""DfE rule 227. An episode starts before its provider's registration ended (Ofsted's REG_END
for the URN). Needs Ofsted's provider lists (`{provider_info}`), which a validator user
uploads and no input of the pipeline carries: skipped without them.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="227",
    message="Ofsted Unique reference number (URN) is not valid for the episode start date.",
    table="episodes",
    fields=("URN", "DECOM", "REG_END"),
    severity=WARNING,
    sql="""
        select distinct e.CHILD, e.URN, e.DECOM, p.REG_END, e._source_file, e._row_number
        from {episodes} as e join {provider_info} as p on p.URN = e.URN
        where e.URN <> 'XXXXXXX' and p.REG_END is not null and e.DECOM >= p.REG_END
    """,
)
