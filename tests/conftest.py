"""Shared fixtures: two real sites, provisioned once per test run.

The test database is migrated once, the template schema is built once, and
the two demo sites are provisioned once through the real provisioning service
(committed, so the browser tests' server thread sees them too). Each test then
runs inside a transaction that is rolled back, so it can create rows, and
even whole sites, without affecting the next test.
"""

from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection
from django.test.testcases import LiveServerThread
from django.utils import translation
from django_tenants.utils import schema_context

from tenants.models import Site
from tenants.services.provisioning import provision
from tenants.services.site_spec import spec_from_toml

SITES_DIR = Path(__file__).resolve().parent.parent / "deploy" / "sites"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # China–Indonesia first: China–Vietnam co-hosts a demo event with it.
        for name in ("cn-id", "cn-vn"):
            spec = spec_from_toml(SITES_DIR / f"{name}.toml")
            spec.demo = True
            provision(spec)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the process cache; each test starts at zero.
    from django.core.cache import cache

    cache.clear()


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
def in_site():
    """``with in_site(site): ...`` runs ORM code inside that site's schema."""
    return lambda site: schema_context(site.schema_name)


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
    env = {**os.environ, "DATABASE_URL": url}
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
