from django.apps import AppConfig


class MigrationProbeConfig(AppConfig):
    """A site app that exists only in tests/tenants/probe_settings.py: its second
    migration fails in the schema named by PROBE_FAIL_SCHEMA."""

    name = "tests.tenants.migration_probe"
    label = "migration_probe"
