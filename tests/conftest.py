"""Shared fixtures: two real sites, provisioned once per test run.

The test database is migrated once, the template schema is built once, and
the two demo sites are provisioned once through the real provisioning service
(committed, so the browser tests' server thread sees them too). Each test then
runs inside a transaction that is rolled back, so it can create rows, and
even whole sites, without affecting the next test.

With PORTAL_TEST_CLOCK_SHIFT_DAYS=N in the environment (``make test-clock``),
the whole run happens N days from now (a fraction moves the hour too): the
clock moves before the demo sites are provisioned, so their demo content is
loaded on that day too.
"""

import datetime
import os
import time
from collections import Counter
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection
from django.test import override_settings
from django.test.testcases import LiveServerThread
from django.utils import translation
from django_tenants.utils import schema_context

from tenants.models import Site
from tenants.services.provisioning import provision
from tenants.services.site_spec import spec_from_toml

SITES_DIR = Path(__file__).resolve().parent.parent / "deploy" / "sites"
CLOCK_SHIFT_VARIABLE = "PORTAL_TEST_CLOCK_SHIFT_DAYS"
_clock_key = pytest.StashKey[tuple]()  # (the shift, the running time-machine traveller)


def clock_shift() -> datetime.timedelta:
    """How far ``make test-clock`` moves the clock: PORTAL_TEST_CLOCK_SHIFT_DAYS,
    a number of days whose fraction moves the hour too (400.5: 400 days and
    12 hours, so the run also happens at the other end of the day, where
    Asia's date and UTC's differ)."""
    value = os.environ.get(CLOCK_SHIFT_VARIABLE, "").strip()
    if not value:
        return datetime.timedelta()
    try:
        return datetime.timedelta(days=float(value))
    except (ValueError, OverflowError):
        raise pytest.UsageError(
            f"{CLOCK_SHIFT_VARIABLE} must be a number of days, such as 400 or 400.5"
        ) from None


def pytest_configure(config: pytest.Config) -> None:
    # Runs before any fixture, so before the test database and the demo sites.
    shift = clock_shift()
    if not shift:
        return
    # time-machine moves Python's clocks (datetime, time.time) for every
    # thread, the live server's included, and lets them tick. PostgreSQL's
    # now() does not move: tests/test_clock.py checks nothing depends on it.
    traveller = time_machine.travel(datetime.datetime.now(datetime.UTC) + shift, tick=True)
    traveller.start()
    config.stash[_clock_key] = (shift, traveller)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _clock_key in config.stash:
        config.stash[_clock_key][1].stop()


#: The modules that take longest (seconds, summed over their tests and
#: module fixtures, from the JUnit report of session 18's second phase and
#: the first phase's --durations, on two cores under a load of ~3–4) run
#: first, longest first: the run then ends with short modules on both
#: workers, not one worker alone in a long one. Under ``--dist loadfile``
#: (make test's second phase: a module stays on one worker) the others follow
#: as xdist would order them (most tests first); the Makefile turns xdist's
#: own reordering off there. In the first phase (tests spread one by one) the
#: modules whose single tests take 10–20 s go first for the same reason.
LONG_MODULES = {
    # Second phase (browser and slow tests).
    "tests/test_migrations.py": 72,
    "tests/e2e/test_feedback.py": 48,
    "tests/e2e/test_editor_fields.py": 45,
    "tests/e2e/test_hub_look.py": 44,
    "tests/e2e/test_clash_first_screen.py": 42,
    "tests/e2e/test_finding.py": 42,
    "tests/e2e/test_layout.py": 40,
    "tests/e2e/test_rich_text_links_captions.py": 40,
    "tests/tenants/test_site_backup.py": 40,
    "tests/e2e/test_short_names_walk.py": 39,
    "tests/e2e/test_officials.py": 39,
    "tests/e2e/test_accessibility.py": 38,
    "tests/tenants/test_shared_cache.py": 38,
    "tests/e2e/test_workspace_phone.py": 32,
    "tests/e2e/test_launch_confirm.py": 31,
    "tests/tenants/test_replica.py": 30,
    "tests/e2e/test_cooperation.py": 30,
    "tests/e2e/test_rich_text_typing.py": 29,
    "tests/e2e/test_rich_text_fits.py": 29,
    "tests/e2e/test_leftovers_walk.py": 28,
    "tests/tenants/test_schema_migrations.py": 25,
    "tests/deploy/test_nginx.py": 24,
    "tests/portal/test_gunicorn.py": 23,
    "tests/e2e/test_coordination_grid.py": 22,
    # One test of 14 s: not left for the end of the second phase.
    "tests/web/test_pagination.py": 20,
    # First phase: eight cases of 4–22 s (the longest module), then cases of 5–18 s.
    "tests/attack/test_authorization_matrix.py": 75,
    "tests/translations/test_ui_language.py": 130,
    "tests/tenants/test_migrating_full_sites.py": 41,
    "tests/translations/test_admin_ui_language.py": 30,
    "tests/search/test_newest.py": 35,
    "tests/translations/test_translation_status.py": 25,
}


def _module(item: pytest.Item) -> str:
    return item.nodeid.partition("::")[0]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    by_time = sorted(LONG_MODULES, key=LONG_MODULES.__getitem__, reverse=True)
    rank = {module: n for n, module in enumerate(by_time)}
    tests_in = Counter(_module(item) for item in items)
    per_module = config.getoption("dist", "no") == "loadfile"
    items.sort(
        key=lambda item: (
            rank.get(_module(item), len(rank)),
            -tests_in[_module(item)] if per_module else 0,
        )
    )
    # The whole benchmarks (marker ``bench``, 2–3 minutes) run only when
    # asked for by marker: ``make bench-smoke`` (pytest -m bench).
    if "bench" in (config.getoption("markexpr") or ""):
        return
    left_out = [item for item in items if item.get_closest_marker("bench")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("bench")]


def pytest_report_header(config: pytest.Config) -> str | None:
    if _clock_key not in config.stash:
        return None
    shift = config.stash[_clock_key][0]
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="minutes")
    return f"clock moved {shift}: the run happens at {now}"


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_modify_db_settings, django_db_blocker
):
    # Replaces pytest-django's fixture (whose --reuse-db, --create-db and
    # --no-migrations this suite does not use): every process gets a test
    # database, browser-only runs (`make e2e`) included, whose live server
    # shares the session's data; it is a copy of a prebuilt one when that
    # matches (tests/prebuilt_database.py).
    from django.test.utils import setup_databases, teardown_databases

    from tests import prebuilt_database

    def build() -> list:
        return setup_databases(verbosity=0, interactive=False, aliases={"default"})

    def provision_sites() -> None:
        # China–Indonesia first: China–Vietnam co-hosts a demo event with it.
        for name in ("cn-id", "cn-vn"):
            spec = spec_from_toml(SITES_DIR / f"{name}.toml")
            spec.demo = True
            provision(spec)

    def warm() -> None:
        # What provisioning leaves in its process besides rows: the template
        # schema checked (once per process; a provisioning test counting its
        # queries would see the check). Other memories it fills are pure
        # (compiled SQL, locale data) or keyed by generation and cleared per
        # test; content type ids are forgotten at every schema switch.
        from tenants.services.template_schema import ensure_template_schema

        ensure_template_schema()

    with django_db_blocker.unblock():
        if set(settings.DATABASES) != {"default"}:  # a replica's mirror: built as Django does
            built = build()
            provision_sites()
        else:
            site_files = [SITES_DIR / f"{name}.toml" for name in ("cn-id", "cn-vn")]
            key = prebuilt_database.fingerprint(site_files, clock_shift())
            built = prebuilt_database.setup(key, build, provision_sites, warm)
    yield
    with django_db_blocker.unblock():
        try:
            teardown_databases(built, verbosity=0)
        except Exception as error:
            # As pytest-django's fixture did: a session still open on the
            # database (a server thread's) makes dropping it fail,
            # after every test has run; the next run drops it first.
            request.node.warn(pytest.PytestWarning(f"the test database was not dropped: {error!r}"))


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 at one iteration: a password hashed or checked cost
    ~0.5 s of CPU at the project's 1,000,000 (tests/factories make a member
    or staff with a password hundreds of times). Same algorithm name and
    format, so a hash of either kind is checked by either hasher; neither
    kind is rehashed on sign-in here (the project's hasher would have left a
    1,000,000-iteration hash alone too)."""

    iterations = 1

    def must_update(self, encoded: str) -> bool:
        iterations = self.decode(encoded)["iterations"]
        return iterations not in (self.iterations, PBKDF2PasswordHasher.iterations)


@pytest.fixture(autouse=True)
def _quick_password_hashing(request):
    # Slow tests start servers in other processes (gunicorn, manage.py) with
    # the project's hashers, which would rehash a quick hash on sign-in:
    # they keep the project's.
    if request.node.get_closest_marker("slow"):
        yield
        return
    hashers = ["tests.conftest.QuickPBKDF2PasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the process cache; each test starts at zero
    # (and with no stored page or kept fragment, in caches of their own).
    from django.core.cache import caches

    from web.fragment_store import fragments

    for backend in caches.all(initialized_only=False):
        backend.clear()
    fragments.clear()


@pytest.fixture
def one_rate_window():
    """Start the test just after the start of an hour, with the clock running.

    Rate limits count per fixed window (600 s for forms, 3,600 s for account
    mail; both divide an hour). Posts that straddled a window's end were
    counted in two, and a test expecting the nth post to be refused passed
    it (about one run in 200).
    """
    now = time.time()
    with time_machine.travel(now - now % 3600 + 3600 + 1, tick=True):
        yield


@pytest.fixture(autouse=True)
def _fresh_process_memos():
    # What a process keeps under a generation number: a test's rollback
    # undoes its committed-in-test writes without moving the number back, so
    # a site looked up with English removed was still served to the next test.
    from search import query, views, vocabulary
    from search.templatetags import products
    from tenants.services import site_lookup
    from web import page_cache

    site_lookup._memo.clear()
    site_lookup._last_schema.clear()
    page_cache._next_changes.clear()
    site_lookup._memo_generation[0] = 0
    vocabulary._understood.clear()
    vocabulary._kept_vocabularies.clear()
    products._kept_options.clear()
    query._kept_sizes.clear()
    views.kept_results.clear()


@pytest.fixture(autouse=True)
def _addresses_without_port(settings):
    # Development settings name the demo's port 8000 in links; tests expect
    # the scheme's default port unless they set one (live_port does).
    settings.PUBLIC_URL_PORT = ""


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files of a test go to its own folder, never to var/media.
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _reset_per_request_state():
    # The middleware leaves the connection on the last site it served and
    # that request's language active; a test starts from neither.
    yield
    connection.set_schema_to_public()
    translation.deactivate()


@pytest.fixture
def site_vn(db) -> Site:
    return Site.objects.get(code="cn-vn")


@pytest.fixture
def site_id(db) -> Site:
    return Site.objects.get(code="cn-id")


@pytest.fixture
def admin_client_for(client, in_site):
    """``admin_client_for(site)``: the client, signed in as a new superuser of ``site``."""

    def login(site):
        from django.contrib.auth import get_user_model

        with in_site(site):  # the user and the session live in the site's schema
            user = get_user_model().objects.create_superuser(
                f"boss-{site.code}", "b@example.com", "pw-123456789"
            )
            client.force_login(user)
        return client

    return login


@pytest.fixture
def on_redis(settings, tmp_path):
    """The default cache and the stored pages on a throw-away redis-server,
    as DEPLOY.md runs them (CACHE_URL); yields its URL."""
    from tests.servers import redis_server

    with redis_server(tmp_path) as url:
        settings.CACHES = {
            "default": {"BACKEND": "web.redis_cache.RedisCache", "LOCATION": url},
            "pages": {"BACKEND": "web.page_store.RedisPages", "LOCATION": url, "KEY_PREFIX": "p"},
        }
        yield url


@pytest.fixture
def job_worker(monkeypatch):
    """``run_jobs`` as deployed, inside a test's transaction: the queue's
    worker closes "old" connections between jobs, as a request would, which
    would close the test's own. Everything else of the worker runs as in
    production."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def in_site():
    """``with in_site(site): ...`` runs ORM code inside that site's schema."""
    return lambda site: schema_context(site.schema_name)


@pytest.fixture
def demo_event(db):
    """``demo_event(site, "china-asean-expo")``: a demo event as loaded.

    The demo's dates follow the day it was loaded (the day this run started):
    tests read them from here rather than assume them.
    """
    from events.models import Event

    def get(site: Site, slug: str) -> Event:
        with schema_context(site.schema_name):
            return Event.objects.get(slug=slug)

    return get


def environment_for(database: str | None = None) -> dict[str, str]:
    """Environment for a subprocess (``manage.py`` …) using the test database,
    or another database of the same server."""
    import os

    settings_dict = connection.settings_dict
    name, host = database or settings_dict["NAME"], settings_dict["HOST"]
    if host.startswith("/"):
        url = f"postgresql://{settings_dict['USER']}@/{name}?host={host}"
    else:
        auth = settings_dict["USER"] + (
            f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
        )
        url = f"postgresql://{auth}@{host}:{settings_dict['PORT'] or 5432}/{name}"
    env = {**os.environ, "DATABASE_URL": url, "PUBLIC_URL_PORT": ""}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return env


@pytest.fixture
def subprocess_env(db) -> dict[str, str]:
    """Environment for running ``manage.py`` against the test database."""
    return environment_for()


@pytest.fixture(scope="session")
def _live_server_port(django_db_setup, django_db_blocker):
    """A live server on localhost for the whole run (browser and HTTP tests)."""
    with django_db_blocker.unblock():
        server = LiveServerThread("localhost", StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        yield server.port
        server.terminate()


@pytest.fixture
def live_port(_live_server_port, settings) -> int:
    """The live server's port, which the links the portal builds (the hub's
    list of sites, e-mails) then name, as ``rundemo`` does for the demo."""
    settings.PUBLIC_URL_PORT = str(_live_server_port)
    return _live_server_port
