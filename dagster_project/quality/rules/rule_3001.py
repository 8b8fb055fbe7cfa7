"""DfE rule 3001. A care leaver turning 17 in the year cannot be in staying put (ACCOM Z1 or
Z2, with former foster carers): staying put starts at 18."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="3001",
    message=(
        "Where care leavers information is being returned for a young person around their "
        "17th birthday, the accommodation cannot be with their former foster carer(s)."
    ),
    table="oc3",
    fields=("ACCOM", "DOB"),
    severity=WARNING,
    sql="""
        select distinct o.CHILD, o.ACCOM, h.DOB, o._source_file, o._row_number
        from {oc3} o join {header} h on h.CHILD = o.CHILD
        where upper(o.ACCOM) in ('Z1', 'Z2')
          and dq_plus_years(h.DOB, 17) between {collection_start} and {collection_end}
    """,
)
