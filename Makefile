# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install install-dev serve build check lint test test-fast pdf offline bench lighthouse lock clean slides quiz lessons

help:
	@echo "make serve | build | check | test | pdf | slides | quiz | lessons | offline | bench | lighthouse | lock | clean"

PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

# Runtime (serve, build, check): requirements.lock, and kb itself (scripts/kb, editable).
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "Python 3.11.5 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements.lock
	$(PIP) --no-deps --no-build-isolation --editable .
	@touch $@

# Development (test, lint, pdf, bench): requirements-dev.lock on top.
$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PIP) --require-hashes --no-deps -r requirements-dev.lock
	@touch $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

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

lint: $(DEV_STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks
	$(BIN)/mypy
	$(BIN)/zizmor --offline --quiet .github/workflows

chromium:
	@test -x $(CHROMIUM) || { echo "Chromium not found at $(CHROMIUM): install it with: sudo apt-get install -y chromium"; exit 1; }

# Browser tests run last, one line per test (-v), so the wait for Chromium shows progress.
test: check lint chromium $(DEV_STAMP)
	$(BIN)/pytest -m "not browser"
	$(BIN)/pytest -m browser -v

# Everything but the browser tests (about a minute less): for quick rounds while editing.
test-fast: check lint $(DEV_STAMP)
	$(BIN)/pytest -m "not browser"

pdf: build chromium $(DEV_STAMP)
	$(BIN)/python scripts/docs.py pdf

# Classroom material: slide decks, printed tests (SEED=, N=), lesson copies for trainer and learner.
SEED ?= 1
N ?=
slides: $(STAMP)
	$(BIN)/python scripts/docs.py slides

quiz: $(STAMP) chromium
	$(BIN)/python scripts/docs.py quiz --seed $(SEED) $(if $(N),--n $(N))

lessons: build chromium
	$(BIN)/python scripts/docs.py lessons

offline: build
	$(BIN)/python scripts/docs.py offline

# The benchmark's peers, pinned: linkinator by package-lock.json, LinkChecker by a hashed lock.
PEERS := .cache/bench
$(PEERS)/node_modules/.bin/linkinator: benchmarks/package.json benchmarks/package-lock.json
	mkdir -p $(PEERS)
	cp benchmarks/package.json benchmarks/package-lock.json $(PEERS)/
	cd $(PEERS) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(PEERS)/linkchecker/bin/linkchecker: benchmarks/linkchecker.lock
	$(PYTHON) -m venv $(PEERS)/linkchecker
	$(PEERS)/linkchecker/bin/python -m pip install --quiet --require-hashes --no-deps -r $<
	@touch $@

bench: $(DEV_STAMP) $(PEERS)/node_modules/.bin/linkinator $(PEERS)/linkchecker/bin/linkchecker
	$(BIN)/python benchmarks/bench.py

lighthouse: build chromium $(DEV_STAMP)
	$(BIN)/python benchmarks/lighthouse.py

# Re-pin dependencies (needs network access to a package index).
UV_VERSION := 0.13.8
lock:
	$(PYTHON) -m venv .cache/uv
	.cache/uv/bin/python -m pip install --quiet uv==$(UV_VERSION)
	.cache/uv/bin/uv pip compile requirements.in --generate-hashes --python-version 3.11.5 -o requirements.lock
	.cache/uv/bin/uv pip compile requirements-dev.in --generate-hashes --python-version 3.11.5 -o requirements-dev.lock
	.cache/uv/bin/uv pip compile benchmarks/linkchecker.in --generate-hashes --python-version 3.11.5 -o benchmarks/linkchecker.lock

clean:
	rm -rf site build dist .pytest_cache .mypy_cache .ruff_cache
