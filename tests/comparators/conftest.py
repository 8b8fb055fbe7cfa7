"""Shared set-up of the comparator tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def dbt_target(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One dbt target folder for the session's builds, so dbt parses the project once."""
    return tmp_path_factory.mktemp("comparators_dbt_target")
