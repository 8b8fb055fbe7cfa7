"""Tests of the DfE comparators: landing, dbt models, fetch, synthetic release."""
