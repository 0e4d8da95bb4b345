"""The project's settings plus a site app whose migration can be made to fail
in one schema (tests/tenants/test_schema_migrations.py, run as a subprocess)."""

from portal.settings import *  # noqa: F403

TENANT_APPS = [*TENANT_APPS, "tests.tenants.migration_probe"]  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "tests.tenants.migration_probe"]  # noqa: F405
