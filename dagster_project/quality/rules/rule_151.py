"""DfE rule 151. An adoption record is all or nothing: the six AD1 items (dates of the best
interests decision and of matching, foster carer, number, gender and legal status of the
adopters) are all given or all blank. Blank is what the file holds, a value that is not a
date or code is still given (rules 112 to 177 report those)."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.sql import count_given
from dagster_project.ssda903_files import AD1_ITEMS

RULE = Rule(
    code="151",
    message="All data items relating to a childs adoption must be coded or left blank.",
    table="ad1",
    fields=("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    severity=WARNING,
    sql=f"""
        select CHILD, DATE_INT_text as DATE_INT, DATE_MATCH_text as DATE_MATCH, FOSTER_CARE,
            NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR, _source_file, _row_number
        from {{ad1}}
        where {count_given(AD1_ITEMS)} between 1 and {len(AD1_ITEMS) - 1}
    """,
)
