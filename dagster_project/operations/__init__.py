"""Running the pipeline as a service: the Dagster instance, alerts, freshness, the console."""
