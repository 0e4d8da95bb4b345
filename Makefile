# One task runner. `make demo` and `make test` are the two commands a fresh
# clone needs; both install everything they use into .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Exact versions and hashes of every package, test tools included; the
# ranges they were resolved from are in pyproject.toml. `make lock` writes it.
LOCK := requirements.txt

.PHONY: lighthouse install lock catalogs demo serve test test-fast test-clock e2e fuzz lint fmt messages bench bench-smoke clean-db

# A new lock file means a new virtualenv (--clear): a package the lock dropped
# must not linger. Only the locked packages are installed (--no-deps), as
# wheels (--only-binary: building an sdist would fetch unpinned build tools),
# each checked against its hash; the project itself runs from the checkout.
# The venv's own pip (from Python's ensurepip) is used as it is: upgrading it
# would fetch whatever pip is newest that day.
$(STAMP): $(LOCK)
	$(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps --only-binary :all: -r $(LOCK)
	$(PY) -m pip check
	touch $(STAMP)

install: $(STAMP)

# Re-resolve pyproject.toml's ranges to the newest releases and rewrite the
# lock with hashes, with uv from the locked install. LOCK_FLAGS=--upgrade-package=babel
# moves one package only; LOCK_FLAGS= keeps every pin that still fits.
# The container image installs the same pins without the test and dev tools.
LOCK_FLAGS ?= --upgrade
RUNTIME_LOCK := deploy/requirements-runtime.txt
lock: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra dev --universal \
		--python-version 3.11 --generate-hashes --custom-compile-command "make lock" \
		--quiet $(LOCK_FLAGS) --output-file $(LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml --universal --constraint $(LOCK) \
		--python-version 3.11 --generate-hashes --custom-compile-command "make lock" \
		--quiet --output-file $(RUNTIME_LOCK)

# Compiled with Babel: no GNU gettext needed. web/locale supplements
# Django's own catalogs where they lack admin, form and admin-script
# strings (see their headers).
catalogs: $(STAMP)
	$(VENV)/bin/pybabel --quiet compile --domain django --directory locale
	$(VENV)/bin/pybabel --quiet compile --domain django --directory web/locale
	$(VENV)/bin/pybabel --quiet compile --domain djangojs --directory web/locale

# Serves the hub on http://localhost:8000/ and the demo sites on
# http://cn-vn.localhost:8000/ and http://cn-id.localhost:8000/, as production
# answers (DEBUG off: error pages in the reader's language); DEBUG=1 make demo
# shows Django's technical pages instead.
demo: catalogs
	LOCAL_HTTP=1 $(PY) manage.py rundemo

# A production-like run on this machine: gunicorn with DEBUG off, a real
# secret (made once in var/secret-key), static files collected and served by
# whitenoise, on the embedded database, whose lifetime gunicorn's master owns
# (deploy/gunicorn.conf.py): stopping gunicorn (Ctrl-C) stops PostgreSQL too.
# Plain http on http://localhost:8000/ and http://<site>.localhost:8000/;
# `make demo` once first gives it the demo sites.
SERVE_ENV := DEBUG=0 SECRET_KEY_FILE=var/secret-key PUBLIC_DOMAIN=localhost \
	PUBLIC_URL_SCHEME=http PUBLIC_URL_PORT=8000 SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 \
	GUNICORN_BIND=127.0.0.1:8000 GUNICORN_WORKERS=2
var/secret-key: $(STAMP)
	mkdir -p var
	umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
serve: catalogs var/secret-key
	$(SERVE_ENV) $(PY) manage.py migrate_schemas --noinput -v 0
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(SERVE_ENV) exec $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py portal.wsgi

# pytest keeps each test module as rewritten for its assertions (a .pyc)
# only where Python may write bytecode: with PYTHONDONTWRITEBYTECODE=1 (set
# on this VM and in many containers) every pytest process rewrote and
# compiled all ~370 test modules afresh, 13.0 s of its start against 5.4 s
# with the cache (`pytest --collect-only`, session 18), paid by each xdist
# worker of each phase. The cache goes to var/pycache (ignored), not beside
# the sources.
PYTEST := env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(CURDIR)/var/pycache $(PY) -m pytest

# The whole suite: the tests without a browser in TEST_WORKERS processes
# (pytest-xdist, a test database each; the same set `make test-clock` has run
# so since session 9), then the browser and slow tests, also in TEST_WORKERS
# processes: each has its own test database, live server and Chromium, and
# every real server a slow test starts (gunicorn, nginx, redis, a replica,
# scratch databases) gets its own port, folder or name. --dist loadfile keeps
# a module on one worker, so a module's shared server (tests/deploy's stack,
# the replica) starts once. In one process these had grown to ~11:50 of a
# ~20-minute run on two cores (session 14, issue #14). The longest modules
# go first (tests/conftest.py's LONG_MODULES, hence --no-loadscope-reorder).
# The test database is built once, by the first worker of the first phase,
# and copied for every other worker of both phases (tests/prebuilt_database.py).
TEST_WORKERS ?= 2
test: catalogs
	$(PYTEST) -m "not e2e and not slow" -n $(TEST_WORKERS)
	$(PYTEST) -m "e2e or slow" -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test-fast: catalogs
	$(PYTEST) -m "not e2e and not slow"

# The fast tests again with every clock in the run moved DAYS ahead (the demo
# sites are loaded on that day too): nothing may depend on today's date.
# They run in CLOCK_WORKERS processes (pytest-xdist, each with a test
# database of its own), as in `make test`.
DAYS ?= 400
CLOCK_WORKERS ?= 2
test-clock: catalogs
	PORTAL_TEST_CLOCK_SHIFT_DAYS=$(DAYS) $(PYTEST) -m "not e2e and not slow" -n $(CLOCK_WORKERS)

# Every benchmark in bench/ run whole at a tiny size (about 2 minutes): they
# still work; the figures mean nothing. CI runs it beside test-clock. Two at a
# time (each has a scratch database and ports of its own): one after the
# other they took 3:19, most of it bench/http.py's load runs, which keep one
# core busy; in two processes, 2:07, bench/http.py's 1:58 and the six others
# beside it (--dist worksteal: whichever process is free takes the next).
bench-smoke: catalogs
	$(PYTEST) -m bench -p no:cacheprovider -n 2 --dist worksteal tests/test_bench.py

e2e: catalogs
	$(PYTEST) -m e2e

# The long fuzzing run (tests/attack/test_fuzz.py): ~2000 examples per test
# instead of CI's few dozen; prints how many were tried. Tens of minutes.
fuzz: catalogs
	HYPOTHESIS_PROFILE=long $(PYTEST) -m fuzz -p no:cacheprovider --hypothesis-show-statistics

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
	$(PY) bench/hub.py
	$(PY) bench/content.py
	$(PY) bench/demo.py
	$(PY) bench/http.py

clean-db:
	rm -rf var/pg

# Lighthouse's SEO audit of the home and an article page of the running demo
# (`make demo` in another terminal); needs npm. Fails below 100.
LIGHTHOUSE_PAGES ?= http://cn-vn.localhost:8000/vi/ http://cn-vn.localhost:8000/vi/news/site-launch/
lighthouse: $(STAMP)
	@mkdir -p var
	@for url in $(LIGHTHOUSE_PAGES); do \
		CHROME_PATH=/usr/bin/chromium npx --yes lighthouse@12 $$url --only-categories=seo --quiet \
			--chrome-flags="--headless=new --no-sandbox" --output=json --output-path=var/lighthouse.json || exit 1; \
		$(PY) -c "import json, sys; score = json.load(open('var/lighthouse.json'))['categories']['seo']['score']; print('SEO', round(score * 100), sys.argv[1]); sys.exit(score < 1)" $$url || exit 1; \
	done
