# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := scripts

.PHONY: help install serve build check lint test test-fast pdf offline bench lighthouse lock clean

help:
	@echo "make serve | build | check | test | pdf | offline | bench | lighthouse | lock | clean"

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@touch $@

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# Content checks first (they name the line of whatever would stop the build), then the build,
# then the checks of the built site. `make check ONLY=citations` (or ONLY="typos fidelity")
# runs the named checks only, without building.
ONLY ?=
check: $(STAMP)
ifeq ($(strip $(ONLY)),)
	$(BIN)/python scripts/docs.py check --only content
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/docs.py check --only built
else
	$(BIN)/python scripts/docs.py check --only $(ONLY)
endif

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

chromium:
	@test -x $(CHROMIUM) || { echo "Chromium not found at $(CHROMIUM): install it with: sudo apt-get install -y chromium"; exit 1; }

# Browser tests run last, one line per test (-v), so the wait for Chromium shows progress.
test: check lint chromium
	$(BIN)/pytest -m "not browser"
	$(BIN)/pytest -m browser -v

# Everything but the browser tests (about a minute less): for quick rounds while editing.
test-fast: check lint
	$(BIN)/pytest -m "not browser"

pdf: build chromium
	$(BIN)/python scripts/docs.py pdf

offline: build
	$(BIN)/python scripts/docs.py offline

bench: $(STAMP)
	$(BIN)/python scripts/docs.py bench

lighthouse: build chromium
	$(BIN)/python scripts/docs.py lighthouse

# Re-pin dependencies (needs network access to a package index).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile requirements.in --generate-hashes --python-version 3.11.5 -o requirements.lock

clean:
	rm -rf site build dist .pytest_cache .mypy_cache .ruff_cache
