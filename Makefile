# civilsamhalle — everything runs in a virtualenv in .venv, made on first use.
#
#   make demo      the demo site with content on http://127.0.0.1:8000 (admin user printed);
#                  HOST=127.0.0.1:8124 runs it elsewhere, and points the demo's Site there
#   make test      the whole test suite (set DATABASE_URL / REDIS_URL to use PostgreSQL / Redis)
#   make test-lowest  the app's tests on the lowest Wagtail and Django pyproject.toml allows
#   make docs      the documentation site into site/ (strict: a broken link or anchor fails)
#
# Needs only Python 3.11+, git and make. Pass PYTHON=python3.12 to choose the interpreter.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) example_site/manage.py
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# One pytest worker per core; a test module stays on one worker, so its module fixtures (the demo
# content, a live server with Chromium) are made once. WORKERS=0 runs everything in one process.
WORKERS ?= auto
LANGUAGES := sv nb en

.PHONY: help demo demo-reset test test-lowest lint bench mutation messages dist clean docs docs-serve \
	screenshots

help:
	@echo "make demo        create .venv, migrate SQLite, load demo content, run http://$(HOST)/"
	@echo "make demo-reset  delete the demo database and uploaded files (next 'make demo' starts anew)"
	@echo "make test        run the whole test suite, a process per core (PYTEST_ARGS='-k feeds' to narrow it, WORKERS=0 for one process)"
	@echo "make test-lowest the app's tests on the lowest Wagtail and Django allowed (own venv: $(LOWEST_VENV))"
	@echo "make lint        ruff check"
	@echo "make bench       time calendar feed building and 300 registrations at once (needs PostgreSQL)"
	@echo "make mutation    mutation-test the core with mutmut (MUTANTS='civilsamhalle.links*' narrows it)"
	@echo "make messages    update sv/nb/en catalogues of wagtail_civil and compile all .mo files"
	@echo "make docs        build the documentation site into site/ with mkdocs --strict"
	@echo "make docs-serve  serve the documentation on http://127.0.0.1:8001 while you edit it"
	@echo "make screenshots take the editor's guide's screenshots again (docs/screenshots/, Chromium)"
	@echo "make dist        build the sdist and the wheel into dist/ and check them (docs/release.md)"
	@echo "make clean       remove .venv, build output and caches"

# --- the virtualenv --------------------------------------------------------------------------------
# A stamp per extra: pip runs again only when pyproject.toml changed since the last install.

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(f"Python 3.11 or newer is needed; $(PYTHON) is {sys.version.split()[0]}. Try make PYTHON=python3.12 ...") if sys.version_info < (3, 11) else None'
	@echo "==> creating $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "'$(PYTHON) -m venv' failed. On Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-wagtail: pyproject.toml | $(PY)
	@echo "==> installing civilsamhalle[wagtail,localize] into $(VENV) (the first time takes a minute)"
	@$(PY) -m pip install --quiet -e ".[wagtail,localize]"
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	@echo "==> installing civilsamhalle[test] into $(VENV) (the first time takes a minute)"
	@$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

$(VENV)/.installed-docs: pyproject.toml | $(PY)
	@echo "==> installing civilsamhalle[docs] into $(VENV)"
	@$(PY) -m pip install --quiet -e ".[docs]"
	@touch $@

$(VENV)/.installed-mutation: pyproject.toml | $(PY)
	@echo "==> installing civilsamhalle[test,mutation] into $(VENV)"
	@$(PY) -m pip install --quiet -e ".[test,mutation]"
	@touch $@

# The lowest Wagtail and Django pyproject.toml allows, in a virtualenv of their own: the bounds are
# read from pyproject.toml by scripts/lowest_versions.py, never written twice.
LOWEST_VENV ?= .venv-lowest

$(LOWEST_VENV)/.installed-test: pyproject.toml scripts/lowest_versions.py
	@echo "==> installing civilsamhalle[test] with the lowest Wagtail and Django into $(LOWEST_VENV)"
	@[[ -x $(LOWEST_VENV)/bin/python ]] || $(PYTHON) -m venv $(LOWEST_VENV)
	@$(PYTHON) scripts/lowest_versions.py > $(LOWEST_VENV)/constraints.txt
	@$(LOWEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	@$(LOWEST_VENV)/bin/python -m pip install --quiet -c $(LOWEST_VENV)/constraints.txt -e ".[test]"
	@touch $@

# --- the demo site ---------------------------------------------------------------------------------

demo: $(VENV)/.installed-wagtail
	$(MANAGE) migrate --noinput
	@$(MANAGE) load_demo --host "$(HOST)" || { echo "make demo: 'manage.py load_demo' failed (see above)." >&2; exit 1; }
	@$(MANAGE) demo_admin --host "$(HOST)"
	@echo "==> http://$(HOST)/ — stop with Ctrl-C"
	$(MANAGE) runserver $(HOST)

demo-reset:
	rm -rf example_site/db.sqlite3 example_site/db.sqlite3-wal example_site/db.sqlite3-shm example_site/media

# --- checks ----------------------------------------------------------------------------------------

test: $(VENV)/.installed-test
	$(BIN)/pytest --numprocesses $(WORKERS) --dist loadfile $(PYTEST_ARGS)

# The app's tests only: the core (tests/core) uses neither Wagtail nor Django. test_bad_input.py
# (thousands of garbage requests, a third of the CPU time) is left to `make test`, to keep this
# run at about three minutes on two cores.
LOWEST_TESTS ?= tests/app --ignore=tests/app/test_bad_input.py
test-lowest: $(LOWEST_VENV)/.installed-test
	@$(LOWEST_VENV)/bin/python -c 'import django, wagtail; print(f"==> Wagtail {wagtail.__version__}, Django {django.get_version()}")'
	$(LOWEST_VENV)/bin/pytest --numprocesses $(WORKERS) --dist loadfile $(LOWEST_TESTS) $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

$(VENV)/.installed-bench: pyproject.toml | $(PY)
	@echo "==> installing civilsamhalle[test,bench] into $(VENV)"
	@$(PY) -m pip install --quiet -e ".[test,bench]"
	@touch $@

# The core's build time, whole feed requests through Django against django-ical and constant
# bytes, then 300 registrations at once over HTTP for a 100-seat meeting on PostgreSQL
# (127.0.0.1:5432; BENCH_POSTGRES=postgres://user@host:port for another) behind gunicorn
# (benchmarks/README.md). Niced: it is meant to run beside other work.
bench: $(VENV)/.installed-bench
	nice -n 10 $(PY) benchmarks/run.py
	nice -n 10 $(PY) benchmarks/feed_requests.py
	nice -n 10 $(PY) benchmarks/registration_load.py

# mutmut mutates civilsamhalle/ and runs tests/core ([tool.mutmut] in pyproject.toml), keeping its
# copy and results in mutants/; then a kill score per module (MUTATION_FAIL_UNDER=95 fails below).
MUTANTS ?=
MUTATION_CHILDREN ?= 2
MUTATION_FAIL_UNDER ?=
mutation: $(VENV)/.installed-mutation
	nice -n 10 $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN) $(MUTANTS)
	$(PY) scripts/mutation_report.py --survivors $(if $(MUTATION_FAIL_UNDER),--fail-under $(MUTATION_FAIL_UNDER))

# wagtail_civil's catalogues are extracted by Django; the core's (domain "civilsamhalle") are kept
# by hand from civilsamhalle/calendar/labels.py, so they are only compiled here.
messages: $(VENV)/.installed-test
	mkdir -p wagtail_civil/locale
	cd wagtail_civil && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=$(CURDIR) \
		$(abspath $(BIN))/django-admin makemessages $(addprefix -l ,$(LANGUAGES)) \
		--no-obsolete --add-location=file
	for package in wagtail_civil civilsamhalle; do \
		[[ -d $$package/locale ]] || continue; \
		(cd $$package && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=$(CURDIR) \
			$(abspath $(BIN))/django-admin compilemessages) || exit 1; \
	done

# --- documentation -------------------------------------------------------------------------------
# mkdocs.yml over docs/. --strict turns every warning (a link to a missing page or anchor, a page
# outside docs/) into a failure, as tests/test_docs_build.py does in `make test`.
# NO_MKDOCS_2_WARNING: Material's notice about its successor, printed on every build.
DOCS_ADDR ?= 127.0.0.1:8001
export NO_MKDOCS_2_WARNING := 1

docs: $(VENV)/.installed-docs
	$(BIN)/mkdocs build --strict --site-dir site

docs-serve: $(VENV)/.installed-docs
	$(BIN)/mkdocs serve --strict --dev-addr $(DOCS_ADDR)

# The editor's guide's screenshots, taken in Chromium from the demo content through the real
# admin (tests/browser/test_docs_screenshots.py), written over docs/screenshots/.
screenshots: $(VENV)/.installed-test
	CIVIL_WRITE_SCREENSHOTS=1 $(BIN)/pytest -n 0 tests/browser/test_docs_screenshots.py

# The sdist, then the wheel built from it (as a package index would rebuild it), both checked the
# way the package index checks an upload. docs/release.md says what to do with them.
dist: $(VENV)/.installed-test
	rm -rf dist
	$(PY) -m build --outdir dist .
	$(PY) -m twine check --strict dist/*

clean:
	rm -rf $(VENV) $(LOWEST_VENV) build dist site *.egg-info .pytest_cache .ruff_cache .hypothesis tests/test.sqlite3 mutants
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
