"""DfE rule 168. A UPN is a letter (not I, O or S), then 12 digits or 11 digits and a letter;
an unknown one is UN1 to UN5. Blank is rule 442's."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="168",
    message=(
        "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, "
        "UN2, UN3, UN4 or UN5."
    ),
    table="header",
    fields=("UPN",),
    severity=WARNING,
    sql="""
        select CHILD, UPN, _source_file, _row_number
        from {header}
        where UPN is not null
          and not regexp_full_match(UPN, '[A-HJ-NP-RT-Z]([0-9]{{12}}|[0-9]{{11}}[A-Z])|UN[1-5]')
    """,
)
