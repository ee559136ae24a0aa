# The whole set-up is `make run` (development site) and `make test` (the suite).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
.PHONY: run test lint format check messages shareimages screenshots bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check ".[dev]"
	rm -rf build *.egg-info
	touch $(STAMP)

run: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py loadsite --if-empty
	DJANGO_DEBUG=1 $(PY) manage.py devadmin
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# What CI checks besides the tests.
check: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py check
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Refresh the interface catalogues after changing a visible string, then
# translate the new entries in locale/*/LC_MESSAGES/django.po.
messages: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages --no-obsolete --no-location -l ru -l zh_Hans -l ar -i '.venv/*' -i 'tests/*'
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -i '.venv'

# The link-preview images of every page type in every language (static/img/share/),
# after a change of their words or layout; commit them.
shareimages: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py shareimages

# Screenshots of every public page, phone and desktop, in every language.
screenshots: $(STAMP)
	$(PY) -m tests.browser.screenshots

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

# Load test (tools/loadtest.py): gunicorn as production runs it, with and without the
# page cache, and nginx's cache in front when nginx is installed; req/s and latency of
# a sample of pages (BENCH_ARGS="--all" for every page) as ratios to /robots.txt,
# queries and weight, the budgets, then 30 s at 50 connections that must have no
# error. On a fresh SQLite file, or BENCH_DB (a database URL, e.g. PostgreSQL).
# wrk and nginx come from Debian's packages: installed here when missing and run as
# root (as .ci/run installs what CI needs), otherwise the load test says what to install.
BENCH_DB ?= sqlite:///$(CURDIR)/.bench.sqlite3
bench: $(STAMP)
	@if ! command -v wrk >/dev/null || [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing wrk and nginx-light from Debian's packages for the load test"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null \
	      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null; } \
	      || true; \
	  fi; \
	fi
	rm -f .bench.sqlite3*
	trap 'rm -f .bench.sqlite3*' EXIT; trap 'exit 130' INT TERM; \
	export DATABASE_URL='$(BENCH_DB)'; \
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput -v0 && \
	DJANGO_DEBUG=1 $(PY) manage.py loadsite -v0 && \
	$(PY) -m tools.loadtest $(BENCH_ARGS)
