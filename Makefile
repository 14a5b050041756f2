# Limber: `make run` to try the site, `make test` to prove it works.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run serve install migrate demo test lint format check messages backup restore bench bench-threads clean

# Creates the virtualenv, installs the pinned requirements, migrates, loads the demo, serves.
run: export DJANGO_DEBUG ?= 1
run: install migrate demo serve

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
