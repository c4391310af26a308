# Hub du CQEN. The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
ENGINE_PORT ?= 9200
export ENGINE_PORT

.PHONY: run run-full test install install-dev messages compilemessages migrate demo engine-up engine-down lint format bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

compilemessages: install
	DJANGO_SETTINGS_MODULE=hub.settings.dev $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

## Extract gettext strings (French msgids) into locale/{fr,en}; then translate locale/en.
messages: install
	$(PY) manage.py makemessages -l fr -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete

migrate: install compilemessages
	DJANGO_SETTINGS_MODULE=hub.settings.dev $(PY) manage.py migrate --no-input -v0
	DJANGO_SETTINGS_MODULE=hub.settings.dev $(PY) manage.py createcachetable

demo: migrate
	DJANGO_SETTINGS_MODULE=hub.settings.dev $(PY) manage.py load_demo

## Serve the hub on SQLite at http://127.0.0.1:8000 with the demo content (database search).
run: demo
	@echo "Hub du CQEN : http://127.0.0.1:$(PORT)/"
	DJANGO_SETTINGS_MODULE=hub.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

## Same, with the real search engine node instead of the database search.
run-full: demo engine-up
	OPENSEARCH_URL=http://127.0.0.1:$(ENGINE_PORT) DJANGO_SETTINGS_MODULE=hub.settings.dev $(PY) manage.py search_index --rebuild
	OPENSEARCH_URL=http://127.0.0.1:$(ENGINE_PORT) DJANGO_SETTINGS_MODULE=hub.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

## Lint, checks and the whole suite on PostgreSQL, the search engine node and Chromium.
test: install-dev compilemessages
	bash scripts/test.sh

## Load benchmarks on the production stack (bench/load.py; not in `make test`): BENCH_ARGS="--only votes".
bench: install compilemessages
	bash scripts/bench.sh $(BENCH_ARGS)

engine-up:
	bash engine/up.sh

engine-down:
	bash engine/down.sh

lint: install-dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache artifacts node_modules
