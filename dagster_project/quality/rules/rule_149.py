"""DfE rule 149. An unknown reason episode ceased breaks leavers, adoptions and X1 chains.
Blank is left to the completeness rules, as DfE's rule does.
"""

from dagster_project.quality.rule import RECORD_ERROR, Rule

RULE = Rule(
    code="149",
    message="Reason episode ceased code is not valid.",
    table="episodes",
    fields=("REC",),
    severity=RECORD_ERROR,
    sql="""
        select CHILD, REC, _source_file, _row_number
        from {episodes}
        where REC is not null
          and REC not in {codes:REC}
    """,
)
