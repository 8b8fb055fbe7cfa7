# One entry point for people, CI and cron. `make demo` then `make test` on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# A DuckDB 1.4 client, separate from the stack: tests read the publication with it.
DUCKDB14 := $(VENV)/duckdb14/.installed
DUCKDB14_VERSION := 1.4.5
# The public DfE 903 validator (pandas 1.5), in its own venv: its rule tests are ours
# (tests/quality/validator) and `make validator-agreement` compares with it.
VALIDATOR := $(VENV)/validator/.installed
# Its public fake data lives in its repository, not its package: a clone to read it from.
VALIDATOR_REPO ?= /work/.mirror/data-to-insight+csc-validator-be-903/repo

.PHONY: setup chromium demo test lint dagster benchmark benchmark-generate benchmark-pipeline browser-check validator-agreement clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(STAMP)

$(DUCKDB14): $(STAMP)
	$(PYTHON) -m venv $(VENV)/duckdb14
	$(VENV)/duckdb14/bin/pip install --quiet --disable-pip-version-check duckdb==$(DUCKDB14_VERSION)
	touch $(DUCKDB14)

$(VALIDATOR): $(STAMP) scripts/validator_env.py
	$(BIN)/python -m scripts.validator_env $(VENV)/validator
	touch $(VALIDATOR)

## setup: create .venv with the pinned stack (constraints.txt), .venv/duckdb14 and .venv/validator,
## parse the dbt project once (the manifest every run reads; redone when dbt/ changes), and
## compile the package's modules (an editable install is not compiled by pip; where Python may
## not write bytecode, PYTHONDONTWRITEBYTECODE, every `cla` call would compile 400 modules)
setup: $(STAMP) $(DUCKDB14) $(VALIDATOR)
	$(BIN)/python -m dagster_project.transform.project
	$(BIN)/python -m compileall -q dagster_project

## demo: generate the synthetic local authority and run the whole pipeline on it
demo: setup
	$(BIN)/cla demo

## chromium: Debian's Chromium for the report's browser test (installed when missing)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium (the Panel report is tested in a real browser)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## test: lint and run the whole test suite (TEST_WORKERS processes, a test file each)
TEST_WORKERS ?= 2
test: setup chromium
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

## lint: ruff on the Python, sqlfluff on the dbt models (dbt/.sqlfluff says which rules and why)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd dbt && ../$(BIN)/sqlfluff lint models --disable-progress-bar --processes 2

## dagster: the Dagster UI and daemon on http://localhost:$(DAGSTER_PORT) (lineage, runs,
## checks, schedule, sensors, alerts), with the persistent instance paths.dagster_home
## (data/dagster_home, 0700, deploy/dagster.yaml): every `cla run` shows there too
DAGSTER_PORT ?= 3000
DAGSTER_HOST ?= 127.0.0.1
dagster: setup
	$(BIN)/python -m dagster_project.transform.project
	home=$$($(BIN)/python -m dagster_project.operations.instance) && \
	DAGSTER_HOME=$$home $(BIN)/dagster dev -m dagster_project.definitions \
		-h $(DAGSTER_HOST) -p $(DAGSTER_PORT)

## benchmark-generate: time `cla generate` at 1,000,000 children over 20 years (docs/synthetic.md)
## (children in need never in care: BENCH_CIN_RATIO per child in care, not the default 21)
BENCH_DIR ?= /tmp/cla-benchmark-generate
BENCH_CIN_RATIO ?= 1
benchmark-generate: setup
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	/usr/bin/time -v -o $(BENCH_DIR)/time.txt $(BIN)/cla generate --children 1000000 --years 20 \
		--seed 2025 --cin-ratio $(BENCH_CIN_RATIO) --out $(BENCH_DIR)/out
	@grep -E "Elapsed|Maximum resident|Percent of CPU" $(BENCH_DIR)/time.txt
	@du -sh $(BENCH_DIR)/out
	@lscpu | grep -E "^Model name|^CPU\(s\)"; free -g | grep Mem
	rm -rf $(BENCH_DIR)/out

## benchmark: every speed figure of docs/benchmarks.md on this machine (issue 16): `cla run`
## at Harrow scale (the first run of an installation, then a run as a night's finds the Dagster
## instance and the dbt compile: transform/compiled_cache.py; a fresh warehouse both times),
## the same night's run as the daemon executes the schedule's job (`dagster job execute`),
## `cla validate` against the public validator at about 2,000 and 25,000 episodes, and the
## nightly run at growing sizes (SCALE, children in care, each with their own CIN records and
## SCALE_CIN_RATIO children in need never in care; the national figure:
## SCALE=2500,25000,250000,1000000, about 40 minutes on 2 cores)
SCALE ?= 2500,25000,250000
SCALE_CIN_RATIO ?= 0
benchmark: setup
	$(BIN)/python -m scripts.benchmark run --children 2500 --years 16 --cold
	$(BIN)/python -m scripts.benchmark run --children 2500 --years 16
	$(BIN)/python -m scripts.benchmark run --children 2500 --years 16 --scheduled
	$(BIN)/python -m scripts.benchmark validate --children 5000,64000
	$(BIN)/python -m scripts.benchmark scale --children $(SCALE) --years 20 \
		--cin-ratio $(SCALE_CIN_RATIO)

## benchmark-pipeline: generate a synthetic LA and time one whole `cla run` (docs/benchmarks.md)
CHILDREN ?= 2500
YEARS ?= 16
benchmark-pipeline: setup
	$(BIN)/python -m scripts.benchmark run --children $(CHILDREN) --years $(YEARS)

## browser-check: open the Panel report in headless Chromium (console errors, KPI table,
## charts, A4 print) and screenshot it; needs Debian's chromium package
REPORT ?= data/publish/report/panel_report.html
SCREENSHOT ?= /tmp/cla-panel-report.png
browser-check: setup
	$(BIN)/python -m dagster_project.publication.browser_check $(REPORT) --screenshot $(SCREENSHOT)

## validator-agreement: our DfE rules against the public 903 validator (own venv) on its fake
## data and a synthetic LA; writes docs/quality.md
validator-agreement: setup
	$(BIN)/python -m scripts.validator_agreement \
		$(if $(wildcard $(VALIDATOR_REPO)),--validator-repo $(VALIDATOR_REPO))

clean:
	rm -rf data/landing data/warehouse data/publish data/dagster_home dbt/target
