# newsprism: `make demo` and `make test` set everything up themselves (a .venv here).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: demo test test-slow check lint types bench clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install $(PIP_FLAGS) --upgrade pip
	@$(BIN)/python -m pip install $(PIP_FLAGS) -e ".[dev]"
	@touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/newsprism demo --db newsprism-demo.db

test: $(STAMP)
	@$(BIN)/python -m pytest

test-slow: $(STAMP)
	@$(BIN)/python -m pytest -m slow

lint: $(STAMP)
	@$(BIN)/ruff check src tests scripts benchmarks

types: $(STAMP)
	@$(BIN)/mypy

check: lint types test

bench: $(STAMP)
	@$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info newsprism-demo.db*
