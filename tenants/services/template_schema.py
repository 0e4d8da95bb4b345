"""The pre-migrated schema that new sites are cloned from.

It is a Site row with status TEMPLATE, so ``migrate_schemas`` migrates it
with every real site and it never drifts behind the migrations. Creating a
site is then a schema copy rather than a replay of every migration.
"""

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tenants.utils import schema_context, schema_exists

from tenants.models import Site

_checked_in_process = False


def template_site() -> Site:
    site = Site.objects.filter(schema_name=settings.TEMPLATE_SCHEMA).first()
    if site is None:
        site = Site.objects.create(
            schema_name=settings.TEMPLATE_SCHEMA,
            code="template",
            country_a="",
            country_b="",
            name="Template",
            languages=[settings.LANGUAGE_CODE],
            status=Site.Status.TEMPLATE,
        )
    return site


def has_pending_migrations(schema_name: str) -> bool:
    with schema_context(schema_name):
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_template_schema(progress: Callable[[str], None] = lambda _: None) -> None:
    """Create or bring up to date the template schema (once per process)."""
    global _checked_in_process
    if _checked_in_process:
        return
    site = template_site()
    if not schema_exists(site.schema_name):
        progress("creating the site template schema (first run only)")
        site.create_schema(check_if_exists=True, verbosity=0)
    elif has_pending_migrations(site.schema_name):
        progress("migrating the site template schema")
        from django.core.management import call_command

        call_command(
            "migrate_schemas", schema_name=site.schema_name, interactive=False, verbosity=0
        )
    _checked_in_process = True
