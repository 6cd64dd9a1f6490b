# Quick start:  make train   (sets up .venv, trains on DuckDB, tests, prints accuracy)
#               make test    (sets up .venv, runs every test)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export DBT_PROFILES_DIR := $(CURDIR)

.PHONY: setup train test benchmark docs clean

setup: $(STAMP)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

train: $(STAMP)
	$(BIN)/python scripts/train.py --export artifacts/model.json --plot artifacts/training.png $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py $(ARGS)

docs: $(STAMP)
	$(BIN)/dbt docs generate

clean:
	rm -rf target logs artifacts neural_net.duckdb
