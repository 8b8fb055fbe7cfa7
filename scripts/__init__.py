"""Developer tools: not part of the runtime package (`dagster_project` never imports them)."""
