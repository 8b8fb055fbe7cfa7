"""DfE rule 391. Care leaver data is for young people 17 or over by 31 March."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="391",
    message="Young person was not 17, 18, 19, 20 or 21 during the current collection year.",
    table="oc3",
    fields=("DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        select CHILD, DOB, IN_TOUCH, ACTIV, ACCOM, _source_file, _row_number
        from {oc3}
        where dq_plus_years(DOB, 17) > {collection_end}
          and (IN_TOUCH is not null
          or ACTIV is not null
          or ACCOM is not null)
    """,
)
