# Next Round. The README's two commands: `make workshop` (run it) and `make test` (test it).
# Each creates the virtual environment in .venv on first use and installs what it needs.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8866
# `nextround lab` and `nextround app` carry the settings (share/jupyter/config): this machine
# only, nothing fetched from the network, outputs never saved into the course files.

.PHONY: workshop app test lint unit notebooks browser book-check book bench chromium clean help \
	screenshots hub hub-stop

help:
	@echo "make workshop    open the course in JupyterLab (installs on first run)"
	@echo "make app         serve the course as a code-free app with Voila"
	@echo "make test        run every test layer: lint, unit, notebooks, browser, book"
	@echo "make book        build the HTML site into book/_build/html (needs internet once)"
	@echo "make book-check  the strict offline build of the book's content"
	@echo "make bench       print the speed figures"
	@echo "make screenshots retake the pictures of every activity (book and README)"
	@echo "make hub         start a workshop hub for a room, as root (book: Running it on a hub)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.workshop-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[workshop]"
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.workshop-installed

workshop: $(VENV)/.workshop-installed
	$(BIN)/nextround lab

app: $(VENV)/.workshop-installed
	$(BIN)/nextround app --port $(PORT)

# axe-core, which the browser tests inject into each page (package.json, from npm).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

chromium:
	@scripts/ensure-chromium.sh

test: $(VENV)/.test-installed chromium node_modules/axe-core/axe.min.js lint
	$(BIN)/python -m pytest --nbval-lax tests notebooks exercises

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests benchmarks conftest.py hub
	$(BIN)/ruff format --check src tests benchmarks conftest.py hub
	$(BIN)/mypy

unit: $(VENV)/.test-installed
	$(BIN)/python -m pytest tests --ignore=tests/browser --ignore=tests/book \
		--ignore=tests/hub/test_hub_e2e.py

notebooks: $(VENV)/.test-installed
	$(BIN)/python -m pytest --nbval-lax notebooks exercises

browser: $(VENV)/.test-installed chromium node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest tests/browser

book-check: $(VENV)/.test-installed
	$(BIN)/python -m pytest tests/book

# Offline, a packed copy of the site theme is used where one is named or kept beside the project.
book: $(VENV)/.test-installed
	NEXTROUND_BOOK_THEME="$${NEXTROUND_BOOK_THEME:-$(wildcard ../shared/book-theme)}" \
		$(BIN)/python -m nextround.site book

# Pictures of every activity in use, for the book and the README (from the browser tests).
screenshots: $(VENV)/.test-installed chromium
	NEXTROUND_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser/test_screenshots.py

bench: $(VENV)/.test-installed
	@for bench in benchmarks/bench_*.py; do $(BIN)/python $$bench; done

# A workshop hub for a room (needs root: one system user per participant). hub/cleanup --yes
# deletes the participants' accounts at the end.
hub:
	hub/start

hub-stop:
	hub/stop

clean:
	rm -rf book/_build .pytest_cache .mypy_cache .ruff_cache
