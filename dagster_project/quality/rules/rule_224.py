"""DfE rule 224. The placement provider code is one Ofsted records for the provider (URN). A
URN Ofsted does not list is flagged too (rule 1008 says why). Needs Ofsted's provider lists
(`{provider_info}`), which a validator user uploads and no input of the pipeline carries:
skipped without them.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="224",
    message=(
        "The Ofsted Unique reference number (URN) provided for the child's placement does not "
        "match the placement provider recorded."
    ),
    table="episodes",
    fields=("URN", "PLACE_PROVIDER"),
    severity=WARNING,
    sql="""
        select distinct e.CHILD, e.URN, e.PLACE_PROVIDER, e._source_file, e._row_number
        from {episodes} as e left join {provider_info} as p on p.URN = e.URN
        where e.URN is not null and e.URN <> 'XXXXXXX'
          and not coalesce(
              list_contains(string_split(p.PROVIDER_CODES, ','), e.PLACE_PROVIDER), false)
    """,
)
