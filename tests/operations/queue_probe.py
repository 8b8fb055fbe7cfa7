"""A tiny code location for the run-queue test: one job that takes a few seconds."""

import time

import dagster as dg


@dg.op
def wait_a_little() -> None:
    time.sleep(6)


@dg.job
def sleepy() -> None:
    wait_a_little()


defs = dg.Definitions(jobs=[sleepy])
