# Pixely: two commands on a fresh machine (make demo, make test); see README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVE ?= 1
export DAGSTER_HOME ?= $(CURDIR)/.pixely/dagster
export PIXELY_TEST_POSTGRES_URL ?= postgresql+psycopg2://postgres@127.0.0.1:5432/postgres

.PHONY: install demo test lint format bench bench-quality bench-speed bench-pipeline bench-llm clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p $(DAGSTER_HOME)
ifeq ($(SERVE),0)
	$(BIN)/pixely demo --no-serve
else
	$(BIN)/pixely demo
endif

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	mkdir -p $(DAGSTER_HOME)
	test -f $(DAGSTER_HOME)/dagster.yaml || printf 'telemetry:\n  enabled: false\n' > $(DAGSTER_HOME)/dagster.yaml
	VIRTUAL_ENV=$(CURDIR)/$(VENV) $(BIN)/dg check defs
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

bench: bench-quality bench-speed bench-pipeline bench-llm

bench-quality: $(STAMP)
	$(BIN)/python benchmarks/annotator_quality.py --analyzer $(or $(ANALYZER),offline)

bench-speed: $(STAMP)
	$(BIN)/python benchmarks/annotator_speed.py

bench-pipeline: $(STAMP)
	$(BIN)/python benchmarks/pipeline.py

bench-llm: $(STAMP)
	$(BIN)/python benchmarks/llm_cost.py

clean:
	rm -rf $(VENV) .pixely
