"""Read-only views over all sites, for operators."""

import datetime
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django_tenants.utils import schema_context

from tenants.models import Site


@dataclass
class SiteSummary:
    code: str
    domains: list[str]
    languages: list[str]
    status: str
    counts: dict[str, int]
    #: Live rows in the site's schema (PostgreSQL's statistics: an estimate
    #: that lags a moment behind writes) and bytes on disk, indexes included.
    rows: int = 0
    size_bytes: int = 0
    #: The latest sign-in, admin action or content change in the site.
    last_activity: datetime.datetime | None = None


def site_summaries() -> list[SiteSummary]:
    summaries = []
    sites = list(Site.objects.real().prefetch_related("domains"))
    sizes = schema_sizes([site.schema_name for site in sites])
    for site in sites:
        with schema_context(site.schema_name):
            counts = {
                label: apps.get_model(model).objects.count()
                for label, model in settings.SITE_CONTENT_COUNTS
            }
        domains = sorted(site.domains.all(), key=lambda d: (not d.is_primary, d.domain))
        rows, size_bytes = sizes.get(site.schema_name, (0, 0))
        summaries.append(
            SiteSummary(
                code=site.code,
                domains=[d.domain for d in domains],
                languages=list(site.languages),
                status=status_label(site),
                counts=counts,
                rows=rows,
                size_bytes=size_bytes,
                last_activity=last_activity(site.schema_name),
            )
        )
    return summaries


def schema_sizes(schemas: list[str]) -> dict[str, tuple[int, int]]:
    """``{schema: (rows, bytes)}`` from PostgreSQL's catalog, in one query.

    Rows are estimates: the statistics' live rows, or the catalog's count
    from the last VACUUM or ANALYZE when larger. The statistics alone start
    at zero in a database that was copied, restored or promoted from a
    replica (they are not copied with it), which read as an empty site."""
    if not schemas:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT n.nspname,
                   coalesce(sum(greatest(s.n_live_tup, c.reltuples::bigint, 0)) FILTER (WHERE c.relkind <> 'p'), 0)::bigint,
                   coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
            WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p', 'm')
            GROUP BY n.nspname
            """,
            [schemas],
        )
        return {schema: (rows, size) for schema, rows, size in cursor.fetchall()}


@cache
def _activity_columns() -> tuple[tuple[str, str], ...]:
    """``(table, column)`` of every site table's timestamps that move when
    someone does something: sign-ins, admin actions, content saved."""
    found = [("auth_user", "last_login"), ("django_admin_log", "action_time")]
    for model in apps.get_models():
        meta = model._meta
        if meta.app_config.name not in settings.TENANT_APPS or not meta.managed or meta.proxy:
            continue
        for field in meta.concrete_fields:
            if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
                found.append((meta.db_table, field.column))
    return tuple(dict.fromkeys(found))


def last_activity(schema: str) -> datetime.datetime | None:
    """The latest of those timestamps in ``schema``, in one query."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT max({quote(column)}) FROM {quote(schema)}.{quote(table)}"
        for table, column in _activity_columns()
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(t) FROM ({' UNION ALL '.join(parts)}) AS activity(t)")
        return cursor.fetchone()[0]


def status_label(site: Site) -> str:
    """``draft``, ``draft until 2027-01-05``, ``active`` or ``archived``, for operators."""
    if site.is_draft:
        return f"draft until {site.launched_on.isoformat()}" if site.launched_on else "draft"
    return Site.Status.ACTIVE if site.status == Site.Status.DRAFT else site.status


def set_status(code: str, status: str) -> tuple[Site, bool]:
    """Archive or re-activate a site; returns the site and whether it changed."""
    site = Site.objects.real().get(code=code)
    if site.status == status:
        return site, False
    site.status = status
    site.save(update_fields=["status", "updated_at"])
    return site, True
