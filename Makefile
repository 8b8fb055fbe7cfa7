# One entry point for people, CI and cron. `make demo` then `make test` on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint dagster benchmark browser-check clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(STAMP)

## setup: create .venv with the pinned stack (constraints.txt)
setup: $(STAMP)

## demo: generate the synthetic local authority and run the whole pipeline on it
demo: setup
	$(BIN)/cla demo

## test: lint and run the whole test suite
test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## dagster: the Dagster UI on http://localhost:3000 (lineage, runs, checks)
dagster: setup
	mkdir -p data/dagster_home
	DAGSTER_HOME=$(CURDIR)/data/dagster_home $(BIN)/dagster dev -m dagster_project.definitions

clean:
	rm -rf data/landing data/warehouse data/publish data/dagster_home dbt/target
