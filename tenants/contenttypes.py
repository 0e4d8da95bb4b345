"""Django's ContentType cache, kept apart per schema.

Content type ids differ between the hub's schema and the sites' (each schema
has its own ``django_content_type`` table). django-tenants clears Django's
process-wide cache whenever a connection switches schema, which is enough for
one thread per process; with threads (the development server, threaded
workers) one thread could read ids another thread cached for another schema.
Keying the cache by the schema of the asking thread's connection closes that.
"""

from django.db import connections, migrations


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


def move_content_type(model: str, old_app: str, new_app: str) -> migrations.RunPython:
    """A data migration step for a model that moves to another app: its
    content type row follows it, so its permissions, and whoever holds them,
    come along (recreating permissions would drop the grants).

    Works in whatever schema the migration runs in; a row the new app got in
    the meantime (from ``post_migrate``) is new and held by nobody, so the
    old row, which carries the grants, wins.
    """

    def move(apps, schema_editor, source: str = old_app, target: str = new_app) -> None:
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(
            schema_editor.connection.alias
        )
        if content_types.filter(app_label=source, model=model).exists():
            content_types.filter(app_label=target, model=model).delete()
            content_types.filter(app_label=source, model=model).update(app_label=target)

    def back(apps, schema_editor) -> None:
        move(apps, schema_editor, source=new_app, target=old_app)

    return migrations.RunPython(move, back)
