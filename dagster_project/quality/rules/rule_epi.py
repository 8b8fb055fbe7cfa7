"""DfE rule EPI. A child in the header needs an episode or care leaver information: DfE's
portal loads a child's episodes before it checks the rest. The return may lack the OC3 file
(or, in DfE's portal, episodes): a child is then checked against what there is."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="EPI",
    message=(
        "WARNING: Episodes need to be loaded for this child before further validation is "
        "possible [NOTE: This refers to the DfE portal - here, all checks that can be "
        "performed with only the available data will be.]"
    ),
    table="header",
    fields=("CHILD",),
    severity=WARNING,
    sql="""
        select h.CHILD, h._source_file, h._row_number
        from {header} h
        anti join {episodes} e on h.CHILD is not distinct from e.CHILD
        anti join {oc3} o on h.CHILD is not distinct from o.CHILD
    """,
    optional=("episodes", "oc3"),
)
