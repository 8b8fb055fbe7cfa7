"""Synthetic local authority: realistic, reproducible CLA histories (`cla generate`, `cla demo`).

Only synthetic data lives in the repository, so every test, the demo and the benchmark run
on histories this package makes up, written in the same formats as a real Mosaic extract
and real SSDA903 returns (spec/inputs.md).
"""
