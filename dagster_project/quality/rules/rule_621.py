"""DfE rule 621. A mother's child is born after her: her child's date of birth on or before
her own is wrong (as DfE's validator reads it, so is her child's date of birth beside a
date of birth of hers that is not a date)."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="621",
    message=(
        "Mother’s field has been completed but date of birth shows that the mother is "
        "younger than her child."
    ),
    table="header",
    fields=("DOB", "MC_DOB"),
    severity=WARNING,
    sql="""
        select CHILD, DOB_text as DOB, MC_DOB, _source_file, _row_number
        from {header}
        where MC_DOB is not null and (DOB is null or MC_DOB <= DOB)
    """,
)
