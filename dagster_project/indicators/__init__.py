"""Indicator configuration loaded into the warehouse (targets and RAG); the indicators
themselves are dbt models (dbt/models/*/indicators, docs/indicators.md)."""
