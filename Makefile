# Limber: `make run` to try the site, `make test` to prove it works.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.package-lock.json

.PHONY: run serve install migrate demo test lint format check messages backup restore bench bench-threads bench-search clean

# Creates the virtualenv, installs the pinned requirements, migrates, loads the demo, serves.
run: export DJANGO_DEBUG ?= 1
run: install migrate demo serve

install: $(STAMP) $(NODE_STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

# The Nu HTML Checker (vnu.jar, pinned in package-lock.json) for tests/test_html_validity.py, when
# npm is here; without it (or without Java) that test skips and says why. No install scripts: the
# package's own would fetch a Java runtime from outside; the system's `java` runs the jar.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --ignore-scripts; \
	else \
	  echo "npm not found: the HTML validity test will skip (apt-get install npm default-jre-headless)"; \
	fi

# Development targets run with debug on unless DJANGO_DEBUG says otherwise.
migrate demo serve: export DJANGO_DEBUG ?= 1
migrate: install
	$(PY) manage.py migrate --noinput

demo: install
	$(PY) manage.py load_demo

# The site and the task worker beside it (it sends every email); stopping one stops both.
serve: install
	$(PY) manage.py db_worker --reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# The whole suite, on whatever DATABASE_URL and CACHE_URL say (SQLite and local memory by default).
test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Everything CI checks besides the tests.
check: lint
	$(VENV)/bin/lint-imports
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-deploy-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') \
	  DJANGO_ALLOWED_HOSTS=limber.example EMAIL_URL=smtp://localhost:25 \
	  $(PY) manage.py check --deploy --fail-level WARNING
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=limber.example \
	  EMAIL_URL=smtp://localhost:25 $(PY) manage.py collectstatic --noinput --verbosity 0

# The database and uploaded files in backups/limber-<date>-<time>.tar.gz; `make restore
# ARCHIVE=backups/limber-….tar.gz` puts them back (into an empty database).
backup: install
	$(PY) manage.py backup --to backups

restore: install
	$(PY) manage.py restore $(ARCHIVE)

# After editing locale/*/LC_MESSAGES/django.po (needs GNU gettext's msgfmt).
messages:
	msgfmt --check -o locale/en_GB/LC_MESSAGES/django.mo locale/en_GB/LC_MESSAGES/django.po

# Production-like throughput, queries, posting and memory; writes bench/results/latest.md.
bench: install
	$(PY) bench/run.py

# What a member's comment section costs to build: many threads, and one very long thread.
bench-threads: install
	$(PY) bench/threads.py

# Site search on 10,000 articles: on SQLite, and on PostgreSQL too when DATABASE_URL names one or
# a local server answers (BENCH_PG_URL; a throwaway database is made on it and dropped after).
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
bench-search: install
	@if [ -z "$$DATABASE_URL" ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1; then \
	  DATABASE_URL=$(BENCH_PG_URL) $(PY) bench/search.py; \
	else \
	  $(PY) bench/search.py; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
