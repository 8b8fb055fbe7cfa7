"""DfE rule 241 (from 2025-26). A K3 placement with an Ofsted URN (not the adoption
agencies' XXXXXXX) must be in an LA where the provider has premises. DfE's guidance reads
that LA from Ofsted's URN lookup; the validator, and so this rule, compares the placement's
LA (PL_LA, from its postcode) with the reporting LA, the one LA it knows. A placement whose
postcode is not found has no PL_LA and is reported, as the validator does. Skipped without
the reporting LA.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="241",
    message="LA of placement is not an LA the provider has premises.",
    table="episodes",
    fields=("URN", "PLACE", "PL_LA"),
    severity=WARNING,
    first_year=2026,
    sql="""
        select e.CHILD, e.URN, e.PLACE, e.PL_LA, e._source_file, e._row_number
        from {episodes} as e cross join {local_authority} as la
        where e.URN is not null and e.URN <> 'XXXXXXX' and e.PLACE = 'K3'
          and e.PL_LA is distinct from la.LA_CODE
    """,
)
