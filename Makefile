# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := scripts

.PHONY: help install serve build check lint test test-fast pdf offline bench lighthouse lock clean slides quiz lessons

help:
	@echo "make serve | build | check | test | pdf | slides | quiz | lessons | offline | bench | lighthouse | lock | clean"

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

check: build
	$(BIN)/python scripts/docs.py check

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

chromium:
	@test -x $(CHROMIUM) || { echo "Chromium not found at $(CHROMIUM): install it with: sudo apt-get install -y chromium"; exit 1; }

test: check lint chromium
	$(BIN)/pytest

pdf: build chromium
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
