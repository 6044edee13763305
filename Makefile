# Vision 2027 Tracker. Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
WORKERS ?= 2
# make test runs the suite in this many processes (pytest-xdist), each with its own PostgreSQL
# server and Chromium: 2 on this 2-core machine gave 12 min instead of 18 (one run each).
TEST_WORKERS ?= 2
LINTED := dashboard tests bench scripts

.PHONY: run install test test-fast test-deps system-deps lint format bench bench-load screenshots demo clean

## make run: create .venv, install, initialise the database when empty, serve on $(HOST):$(PORT)
## (development: a session key is generated into instance/ unless DASHBOARD_SECRET_KEY is set)
run: export DASHBOARD_ENV ?= development
run: install
	$(BIN)/dashboard init-db
	@echo "Serving on http://$(HOST):$(PORT)"
	WEB_CONCURRENCY=$(WORKERS) $(BIN)/gunicorn --config python:dashboard.gunicorn_conf --bind $(HOST):$(PORT) "dashboard.app:create_app()"

## make install: only prepare .venv with the application installed
install: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --editable ".[test]"
	@touch $@

test-deps: $(VENV)/.test-installed system-deps

## Debian's chromium, chromium-driver, postgresql, redis-server (the shared limits' test),
## poppler-utils (pdftoppm), and a CJK font
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	fc-list 2>/dev/null | grep -qi "noto.*cjk" || missing="$$missing fonts-noto-cjk"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "*** Missing Debian packages:$$missing"; \
		echo "*** Install them with: sudo apt-get install$$missing"; \
		echo "*** Without them the browser and PostgreSQL tests cannot run."; \
	fi

## make test: lint, then every test (real SQLite, real PostgreSQL, real headless Chromium)
test: test-deps
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/python -m pytest --headless -n $(TEST_WORKERS)

## make test-fast: the inner loop: ruff and every test that needs neither a browser nor the
## PostgreSQL server (real SQLite files still); `make test` stays the whole suite
test-fast: $(VENV)/.test-installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/python -m pytest -m "not browser and not postgres" -q -n $(TEST_WORKERS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: $(VENV)/.test-installed
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

## make bench: the benchmarks of bench/ (figures go in the README)
bench: $(VENV)/.test-installed
	$(BIN)/python bench/bench_progress.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_ui.py

## make bench-load: a room of 100 viewers against a hello-world Dash app (issue 13), on SQLite
## and PostgreSQL; needs Debian's wrk besides the test tools
bench-load: test-deps
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "*** Install Debian's wrk: sudo apt-get install wrk"; exit 1; }
	$(BIN)/python bench/bench_load.py

## make screenshots: PNGs of every page at 1366x768 in both languages into docs/screenshots/
screenshots: test-deps
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python scripts/briefing_screenshots.py

## make demo: a separate database with the ILLUSTRATIVE demo data, served on $(PORT)
demo: export DASHBOARD_ENV ?= development
demo: install
	DASHBOARD_DATABASE_URL=sqlite:///$(CURDIR)/instance/demo.db $(BIN)/dashboard init-db --demo
	DASHBOARD_DATABASE_URL=sqlite:///$(CURDIR)/instance/demo.db WEB_CONCURRENCY=$(WORKERS) $(BIN)/gunicorn --config python:dashboard.gunicorn_conf --bind $(HOST):$(PORT) "dashboard.app:create_app()"

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache *.egg-info
