# Pixely: two commands on a fresh machine (make demo, make test); see README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVE ?= 1
export DAGSTER_HOME ?= $(CURDIR)/.pixely/dagster
export PIXELY_TEST_POSTGRES_URL ?= postgresql+psycopg2://postgres@127.0.0.1:5432/postgres
# `make demo DAGSTER_PORT=3001 API_PORT=8001 UI_PORT=8502`: empty means the default port.
export DAGSTER_PORT API_PORT UI_PORT

.PHONY: install demo test lint format bench bench-quality bench-speed bench-pipeline bench-api bench-ui bench-scale bench-llm clean

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

bench: bench-quality bench-speed bench-pipeline bench-api bench-ui bench-scale bench-llm

bench-quality: $(STAMP)
	$(BIN)/python benchmarks/annotator_quality.py --analyzer $(or $(ANALYZER),offline)
	$(BIN)/python benchmarks/lexicon_balance.py

bench-speed: $(STAMP)
	$(BIN)/python benchmarks/annotator_speed.py

bench-pipeline: $(STAMP)
	$(BIN)/python benchmarks/pipeline.py

bench-api: $(STAMP)
	$(BIN)/python benchmarks/api_load.py

bench-ui: $(STAMP)
	$(BIN)/python benchmarks/ui_render.py

bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py

bench-llm: $(STAMP)
	$(BIN)/python benchmarks/llm_cost.py

clean:
	rm -rf $(VENV) .pixely
