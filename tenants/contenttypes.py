"""Django's ContentType cache, kept apart per schema.

Content type ids differ between the hub's schema and the sites' (each schema
has its own ``django_content_type`` table). django-tenants clears Django's
process-wide cache whenever a connection switches schema, which is enough for
one thread per process; with threads (the development server, threaded
workers) one thread could read ids another thread cached for another schema.
Keying the cache by the schema of the asking thread's connection closes that.
"""

from django.db import connections


class SchemaKeyedCache(dict):
    """The manager's ``{alias: {...}}`` cache, keyed ``(alias, schema)`` instead."""

    @staticmethod
    def _key(alias: str) -> tuple[str, str]:
        return alias, getattr(connections[alias], "schema_name", "")

    def __getitem__(self, alias: str) -> dict:
        return super().__getitem__(self._key(alias))

    def setdefault(self, alias: str, default=None) -> dict:
        return super().setdefault(self._key(alias), default)


def install() -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects._cache = SchemaKeyedCache()
