"""DfE rule 205D. A child UASC this year was UASC last year too, when in last year's return:
a child does not become an unaccompanied asylum seeker while looked after. Reported on the
header row (on the UASC row when the header was not supplied)."""

from dagster_project.quality.rule import WARNING, Rule
from dagster_project.quality.rules.uasc_years import flags

RULE = Rule(
    code="205D",
    message=(
        "Child identified as UASC this year but not identified as UASC status provided for "
        "the child last year."
    ),
    table="header",
    fields=("UASC",),
    severity=WARNING,
    table_column=True,
    sql=f"""
        select distinct t.src_table as _table, t.CHILD, t.UASC,
            t.src_file as _source_file, t.src_row as _row_number
        from ({flags()}) t join ({flags("_last")}) l on l.CHILD = t.CHILD
        where t.UASC = '1' and l.UASC is distinct from '1'
    """,
    optional=("header", "header_last"),
)
