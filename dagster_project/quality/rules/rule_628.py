"""DfE rule 628. Motherhood is asked of children looked after in the year: a care leaver
with no episode in the return has it blank."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="628",
    message=(
        "Motherhood details are not required for care leavers who have not been looked after "
        "during the year."
    ),
    table="header",
    fields=("MOTHER",),
    severity=WARNING,
    sql="""
        select h.CHILD, h.MOTHER, h._source_file, h._row_number
        from {header} h
        anti join {episodes} e on e.CHILD = h.CHILD
        semi join {oc3} o on o.CHILD = h.CHILD
            and (o.IN_TOUCH is not null or o.ACTIV is not null or o.ACCOM is not null)
        where h.MOTHER is not null
    """,
)
