"""Migration steps for a model that moves to another app with its rows.

The new app's first migration creates the model in its state only
(``SeparateDatabaseAndState``) and runs these in the database; the old app's
next migration deletes the model from its own state.
"""

from django.db import migrations


def rename_table(old: str, new: str) -> migrations.RunSQL:
    """Rename a table and its id sequence (reversible), in whatever schema the
    migration runs in: an index's rows stay where they are."""

    def statements(source: str, target: str) -> list[str]:
        return [
            f'ALTER TABLE "{source}" RENAME TO "{target}"',
            f'ALTER SEQUENCE IF EXISTS "{source}_id_seq" RENAME TO "{target}_id_seq"',
        ]

    return migrations.RunSQL(statements(old, new), statements(new, old))


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


def rename_index(old: str, new: str) -> migrations.RunSQL:
    return migrations.RunSQL(
        f'ALTER INDEX "{old}" RENAME TO "{new}"', f'ALTER INDEX "{new}" RENAME TO "{old}"'
    )
