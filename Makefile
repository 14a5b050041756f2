# Limber: `make run` to try the site, `make test` to prove it works.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Where `make run` serves: `make run PORT=8050` (or HOST=0.0.0.0 to be reached from elsewhere).
HOST ?= 127.0.0.1
PORT ?= 8000
# Two installs, each with a stamp of its own named for its requirements: serving needs
# requirements.txt only; tests and checks also need the dev tools and npm's. One stamp over both
# files would make each kind of install redo the other's.
RUN_STAMP := $(VENV)/.installed-run-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.package-lock.json

.PHONY: run serve install install-run migrate demo demo-content test lint format check messages backup restore bench bench-enumeration bench-threads bench-search clean

# Creates the virtualenv, installs what serving needs, migrates, loads the demo (keeping the demo
# accounts as they are, so a signed-in editor stays signed in), serves.
run: export DJANGO_DEBUG ?= 1
run: install-run migrate demo-content serve

# Everything: the site's requirements, the test and lint tools, and the npm tools the HTML and
# accessibility tests use. What CI and `make test` / `make check` install.
install: $(DEV_STAMP) $(NODE_STAMP)

# Only what serving the site needs (no browser-test tooling, no npm).
install-run: $(RUN_STAMP)

$(RUN_STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-run-*
	touch $@

# requirements-dev.txt includes requirements.txt, so this install also satisfies install-run.
$(DEV_STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-dev-* $(VENV)/.installed-run-*
	touch $@ $(RUN_STAMP)

# The Nu HTML Checker (vnu.jar, pinned in package-lock.json) for tests/test_html_validity.py, when
# npm is here; without it (or without Java) that test skips and says why. No install scripts: the
# package's own would fetch a Java runtime from outside; the system's `java` runs the jar.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --ignore-scripts; \
	else \
	  echo "npm not found: the HTML validity test will skip (apt-get install npm default-jre-headless)"; \
	fi

# Development targets run with debug on unless DJANGO_DEBUG says otherwise, and print links to
# where the site is served.
migrate demo demo-content serve: export DJANGO_DEBUG ?= 1
run demo demo-content serve: export LIMBER_SITE_URL ?= http://$(HOST):$(PORT)
migrate: install-run
	$(PY) manage.py migrate --noinput

# The demo content, with the demo accounts' passwords put back (their sessions end).
demo: install-run
	$(PY) manage.py load_demo --reset

# The demo content; existing demo accounts are left as they are.
demo-content: install-run
	$(PY) manage.py load_demo

# The site and the task worker beside it (it sends every email); stopping one stops both.
serve: install-run
	$(PY) manage.py db_worker --reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite, on whatever DATABASE_URL and CACHE_URL say (SQLite and local memory by default),
# in parallel with branch coverage (the floor is in pyproject.toml). pytest-xdist's `load` hands
# each process tests in the order pytest-django sets, which runs the tests that empty the database
# last; `loadfile` would not. More arguments: `make test PYTEST_ARGS="-m 'not browser'"`; workers:
# `make test TEST_WORKERS=1`.
TEST_WORKERS ?= auto
PYTEST_ARGS ?=
test: install
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load --cov --cov-branch --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Everything CI checks besides the tests.
check: lint
	$(VENV)/bin/lint-imports
	$(PY) tools/check_layers.py  # what imports cannot show: labels in strings, models by name
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-deploy-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') \
	  DJANGO_ALLOWED_HOSTS=limber.example EMAIL_URL=smtp://localhost:25 \
	  $(PY) manage.py check --deploy --fail-level WARNING
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=limber.example \
	  EMAIL_URL=smtp://localhost:25 $(PY) manage.py collectstatic --noinput --verbosity 0

# The database and uploaded files in backups/limber-<date>-<time>.tar.gz; `make restore
# ARCHIVE=backups/limber-….tar.gz` puts them back (into an empty database).
backup: install-run
	$(PY) manage.py backup --to backups

restore: install-run
	$(PY) manage.py restore $(ARCHIVE)

# After editing locale/*/LC_MESSAGES/django.po (needs GNU gettext's msgfmt).
messages:
	msgfmt --check -o locale/en_GB/LC_MESSAGES/django.mo locale/en_GB/LC_MESSAGES/django.po

# Production-like throughput, queries, posting and memory; writes bench/results/latest.md. Then
# whether sign-up and password reset take as long for a taken address as for a new one.
bench: install
	$(PY) bench/run.py
	$(PY) bench/enumeration.py

bench-enumeration: install
	$(PY) bench/enumeration.py

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
