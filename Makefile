# Quick start:  make train   (sets up .venv, trains on DuckDB, tests, prints accuracy)
#               make test    (sets up .venv, runs every test)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EMULATOR_VENV := .venv-emulator

export DBT_PROFILES_DIR := $(CURDIR)

.PHONY: setup train test benchmark docs clean bigquery-emulator

setup: $(STAMP)

$(STAMP): requirements.txt requirements-emulator.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .  # neural_net_sql and its console scripts (pyproject.toml)
	test -x $(EMULATOR_VENV)/bin/python || $(PYTHON) -m venv $(EMULATOR_VENV)
	$(EMULATOR_VENV)/bin/python -m pip install --quiet -r requirements-emulator.txt
	touch $(STAMP)

train: $(STAMP)
	$(BIN)/neural-net-train --export artifacts/model.json --plot artifacts/training.png $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py $(ARGS)

# The documentation site (docs/, mkdocs.yml) into site/. dbt's own docs need a trained warehouse: docs/dbt-package.md.
docs: $(STAMP)
	$(BIN)/mkdocs build --strict

# A local BigQuery API for trying the bigquery target without a Google project (docs/engines.md, "BigQuery").
bigquery-emulator: $(STAMP)
	$(EMULATOR_VENV)/bin/crucible serve --dialect bigquery --host 127.0.0.1 --port 9050

clean:
	rm -rf target logs artifacts neural_net.duckdb spark site
