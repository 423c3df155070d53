# Two commands on a fresh machine: `make install`, then `make run` (the demo) or `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PYTHON := $(abspath $(BIN)/python)

.PHONY: install system-deps python-deps broker-jars compile run broker broker-stop test lint unit integration bench schemas format clean train eval

install: system-deps python-deps compile broker-jars

# Java runs the broker, Maven fetches its jars, Prometheus scrapes the worker in the tests, gcc
# builds the compiled extractors.
# Installed only when missing (needs root, as on CI).
system-deps:
	@missing=""; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jre-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	command -v prometheus >/dev/null || missing="$$missing prometheus"; \
	command -v gcc >/dev/null || missing="$$missing gcc libc6-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

python-deps:
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'

# mypyc builds the rule extractors (workers/extract/compiled.py) as C extensions beside their
# sources; rebuilt whenever an extractor changes.
COMPILED_STAMP := .cache/compiled-extractors.stamp
compile: $(COMPILED_STAMP)

$(COMPILED_STAMP): $(wildcard workers/extract/*.py schemas/*.py) scripts/compile_extractors.py
	$(BIN)/python scripts/compile_extractors.py
	@mkdir -p $(dir $@) && touch $@

broker-jars:
	deploy/kafka/broker.sh fetch

run: compile
	scripts/run_demo.sh

broker:
	@deploy/kafka/broker.sh start

broker-stop:
	@deploy/kafka/broker.sh stop

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: compile
	$(BIN)/pytest tests/unit -q || [ $$? -eq 5 ]

integration: compile
	$(BIN)/pytest tests/integration -q || [ $$? -eq 5 ]

# Lint first (fast), then every test; exit status 5 (nothing collected) is not a failure.
test: lint compile
	$(BIN)/pytest -q || [ $$? -eq 5 ]

# Speed is measured here, not asserted in tests: machines are noisy. One core, like a worker.
bench: compile
	taskset -c 0 $(BIN)/python benchmarks/bench_enrich.py

schemas:
	$(BIN)/event-worker schemas

# Scoreboard over the public test sets in ../shared/eval (docs/eval.md); measures only, never tunes.
eval: compile
	$(BIN)/python -m workers.evaluate.run --out reports/scoreboard.json

# Trains the CRF NER models from ../shared/eval and rewrites workers/extract/models/.
train:
	$(BIN)/python -m workers.train.ner --language all

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean: broker-stop
	rm -rf .cache $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info build
	rm -f workers/extract/*.so
