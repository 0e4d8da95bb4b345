# One task runner. `make demo` and `make test` are the two commands a fresh
# clone needs; both install everything they use into .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install catalogs demo test test-fast e2e lint fmt messages bench clean-db

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Compiled with Babel: no GNU gettext needed.
catalogs: $(STAMP)
	$(VENV)/bin/pybabel --quiet compile --domain django --directory locale

# Serves the hub on http://localhost:8000/ and the demo sites on
# http://cn-vn.localhost:8000/ and http://cn-id.localhost:8000/.
demo: catalogs
	$(PY) manage.py rundemo

test: catalogs
	$(PY) -m pytest

test-fast: catalogs
	$(PY) -m pytest -m "not e2e and not slow"

e2e: catalogs
	$(PY) -m pytest -m e2e

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Extracting needs GNU gettext (xgettext); compiling does not.
messages: $(STAMP)
	$(PY) manage.py makemessages --no-location --no-obsolete --ignore=.venv --ignore=tests --ignore=bench \
		-l en -l zh_Hans -l vi -l id -l ko -l ja -l ar -l fr -l de -l ru -l ms -l th -l hi -l es -l pt

bench: catalogs
	$(PY) bench/provision.py
	$(PY) bench/coordination.py
	$(PY) bench/content.py

clean-db:
	rm -rf var/pg
