"""DfE rule 454. A placement over 350 miles from home is almost always a wrong postcode."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="454",
    message=(
        "Placement distance from home is over 350 miles. [NOTE: This check will result in"
        " false positives for children formerly UASC not identified as such in loaded "
        "data]"
    ),
    table="episodes",
    fields=("HOME_POST", "PL_POST", "PL_DISTANCE"),
    severity=WARNING,
    sql="""
        select e.CHILD, e.HOME_POST, e.PL_POST,
        round(sqrt(power(h.easting - p.easting, 2) + power(h.northing - p.northing, 2))
        / 1000 / 1.6093, 1) as PL_DISTANCE,
        e._source_file, e._row_number
        from {episodes} e
        join {postcodes} h on h.postcode = replace(upper(e.HOME_POST), ' ', '')
        join {postcodes} p on p.postcode = replace(upper(e.PL_POST), ' ', '')
        where round(sqrt(power(h.easting - p.easting, 2) + power(h.northing - p.northing, 2))
        / 1000 / 1.6093, 1) > 350
    """,
)
