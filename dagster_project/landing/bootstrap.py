"""Create every table the dbt sources read, empty, so dbt can build on any warehouse.

A run that lands only one source (or a test on hand-made rows) still builds the whole dbt
project: the other sources' tables must exist, with their contract columns.
"""

from __future__ import annotations

import duckdb

from dagster_project.indicators.targets import DDL as TARGETS_DDL
from dagster_project.landing.contracts import load_contracts
from dagster_project.landing.loader import ensure_raw_schema
from dagster_project.reference.postcodes import DDL as POSTCODES_DDL
from dagster_project.transform.record_errors import ensure_record_errors


def ensure_all_sources(con: duckdb.DuckDBPyConnection) -> None:
    for source in load_contracts():
        ensure_raw_schema(con, source)
    con.execute(POSTCODES_DDL)
    con.execute(TARGETS_DDL)
    ensure_record_errors(con)
