"""DfE rule 228. An episode ends by its provider's registration end (Ofsted's REG_END for the
URN); an open episode (no DEC, or one that is not a date) by 31 March. Needs Ofsted's
provider lists (`{provider_info}`), which a validator user uploads and no input of the
pipeline carries: skipped without them.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="228",
    message=(
        "Ofsted Unique reference number (URN) is not valid for the episode end date [NOTE: may "
        "give false positives on open episodes at providers who close during the year]"
    ),
    table="episodes",
    fields=("URN", "DEC", "REG_END"),
    severity=WARNING,
    sql="""
        select distinct e.CHILD, e.URN, e.DEC, p.REG_END, e._source_file, e._row_number
        from {episodes} as e join {provider_info} as p on p.URN = e.URN
        where e.URN <> 'XXXXXXX' and p.REG_END is not null
          and (e.DEC > p.REG_END or (e.DEC is null and {collection_end} > p.REG_END))
    """,
)
