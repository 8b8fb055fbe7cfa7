"""Quality tests: `quality_harness` (beside this file) builds scratch warehouses shaped like
the marts; pytest puts this folder on the import path, so tests in `rules/` import it too."""
