"""DfE rule INT11. The date of birth in AD1 differs from the header's: one of them is
wrong (both must be dates to compare; rule 102 reports a header date that is not one)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="INT11",
    message="Internal Check: DOB in AD1 is different to DOB in Header.",
    table="ad1",
    fields=("DOB", "HEADER_DOB"),
    severity=WARNING,
    sql="""
        select f.CHILD, f.DOB, h.DOB as HEADER_DOB, f._source_file, f._row_number
        from {ad1} f join {header} h using (CHILD)
        where f.DOB <> h.DOB
        qualify row_number() over (
            partition by f._source_file, f._row_number order by h._row_number) = 1
    """,
)
