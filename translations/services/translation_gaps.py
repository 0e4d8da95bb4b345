"""Which items lack a translation, or have an outdated one, kept in step on
every write: the editors' status page counts the backlog, not the content.

One row per item and language needing work (``TranslationGap``), written
where translation records are (``record_translations`` on each save,
``record_new_translations`` after a bulk create) and removed with the item.
The rows are the same SQL conditions the counts used to evaluate over every
row of every content table (275 ms at 100,000 articles, 42 statements),
applied to the items written. What they depend on beyond the item (the
site's languages and default, the models and fields translated) is held as
a signature beside them: when it changes (a language added to the site, a
field made translatable), or when the rows were never built (a site
restored from an older portal, a database filled in bulk), the next reader
rebuilds them whole, once, under a lock.

A write that bypasses the model (``QuerySet.update`` of a text column, raw
SQL) is not seen, as it is not seen by the translation records either;
``rebuild_gaps`` (``manage.py translation_status --rebuild``) sets it right.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from psycopg2 import sql
from psycopg2.extras import execute_values

from tenants.models import Site

#: Raised when what the rows mean changes (not what they hold): every site
#: rebuilds them on its next read. 2: the rebuild also drops the tasks and
#: records of deleted items (deletes left them open until 2026-12, and the
#: dashboard counted them), so every site loses its old ones once.
VERSION = 2


def signature(site: Site) -> str:
    """What the rows depend on beyond the items themselves."""
    from translations.services.translation_status import (
        source_field,
        translatable_models,
        translated_fields,
    )

    parts = [str(VERSION), site.default_language, ",".join(site.languages)]
    for model in translatable_models():
        parts.append(
            f"{model._meta.label}:{','.join(translated_fields(model))}:{source_field(model) or ''}"
        )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _gap_rows(model: type[models.Model], site: Site, ids: list[int] | None) -> sql.Composable:
    """A SELECT of ``(content type, id, language, state)`` for the rows of
    ``model`` (those of ``ids``, or all) needing work in each language they
    are translated into."""
    from translations.services.translation_status import (
        _conditions,
        languages_of_model,
        translated_fields,
    )

    names = translated_fields(model)
    content_type = ContentType.objects.get_for_model(model).pk
    pk = sql.Identifier(model._meta.pk.column)
    within = sql.SQL(" AND t.{} = ANY({})").format(pk, sql.Literal(ids)) if ids else sql.SQL("")
    selects = []
    for language in languages_of_model(model, site):
        missing, outdated = _conditions(model, names, site, language, ids=ids)
        selects.append(
            sql.SQL(
                "SELECT {ct}, t.{pk}, {language}, CASE WHEN {missing} THEN 'missing' ELSE 'outdated' END"
                " FROM {table} t WHERE ({missing} OR {outdated}){within}"
            ).format(
                ct=sql.Literal(content_type),
                pk=pk,
                language=sql.Literal(language),
                missing=missing,
                outdated=outdated,
                table=sql.Identifier(model._meta.db_table),
                within=within,
            )
        )
    return sql.SQL(" UNION ALL ").join(selects)


def _write(model: type[models.Model], site: Site, ids: list[int] | None) -> None:
    """Rewrite the rows of ``ids`` (or of every item, their counts left to
    the caller) and change the counts by what changed."""
    from translations.models import TranslationGap

    table = sql.Identifier(TranslationGap._meta.db_table)
    content_type = ContentType.objects.get_for_model(model).pk
    rows = _gap_rows(model, site, ids)
    with transaction.atomic(), connection.cursor() as cursor:
        # One writer at a time per site: two saves of one item both deleted
        # its rows, and the second's insert then met the first's (a unique
        # violation), or counted them twice.
        _lock()
        if ids:
            cursor.execute(
                sql.SQL(
                    "DELETE FROM {} WHERE content_type_id = %s AND object_id = ANY(%s)"
                    " RETURNING language, state"
                ).format(table),
                [content_type, ids],
            )
            change: Counter | None = Counter()
            for key in cursor.fetchall():
                change[key] -= 1
        else:
            cursor.execute(
                sql.SQL("DELETE FROM {} WHERE content_type_id = %s").format(table), [content_type]
            )
            change = None
        if rows.seq:
            cursor.execute(
                sql.SQL("INSERT INTO {} (content_type_id, object_id, language, state) {}").format(
                    table, rows
                )
                + (sql.SQL(" RETURNING language, state") if change is not None else sql.SQL(""))
            )
            if change is not None:
                for key in cursor.fetchall():
                    change[key] += 1
        if change:
            _count(cursor, content_type, change)


def _count(cursor, content_type: int, change: Counter) -> None:
    """Add ``change`` (``(language, state)`` → a number, maybe negative) to the counts."""
    from translations.models import TranslationGapCount

    changed = [(content_type, lang, state, n) for (lang, state), n in change.items() if n]
    if not changed:
        return
    execute_values(
        cursor.cursor,
        sql.SQL(
            "INSERT INTO {table} AS c (content_type_id, language, state, number) VALUES %s"
            " ON CONFLICT (content_type_id, language, state)"
            " DO UPDATE SET number = c.number + EXCLUDED.number"
        )
        .format(table=sql.Identifier(TranslationGapCount._meta.db_table))
        .as_string(cursor.cursor),
        changed,
    )


def refresh_gaps(instances: Iterable[models.Model], *, site: Site) -> None:
    """Rewrite the rows of these items (just saved or created): one DELETE
    and one INSERT per model, in the site's schema."""
    from translations.services.translation_status import translatable_models

    by_model: dict[type[models.Model], list[int]] = {}
    translatable = set(translatable_models())
    for instance in instances:
        if type(instance) in translatable and instance.pk is not None:
            by_model.setdefault(type(instance), []).append(instance.pk)
    for model, ids in by_model.items():
        _write(model, site, ids)


def forget_gaps(instance: models.Model) -> None:
    """The item is deleted: so are its rows."""
    from translations.models import TranslationGap

    table = sql.Identifier(TranslationGap._meta.db_table)
    content_type = ContentType.objects.get_for_model(instance).pk
    with transaction.atomic(), connection.cursor() as cursor:
        _lock()
        cursor.execute(
            sql.SQL(
                "DELETE FROM {} WHERE content_type_id = %s AND object_id = %s"
                " RETURNING language, state"
            ).format(table),
            [content_type, instance.pk],
        )
        gone: Counter = Counter()
        for key in cursor.fetchall():
            gone[key] -= 1
        _count(cursor, content_type, gone)


def rebuild_gaps(site: Site) -> None:
    """Every row afresh, and the signature they were built for."""
    from translations.models import TranslationGap, TranslationGapCount, TranslationGapsBuilt
    from translations.services.translation_status import translatable_models

    with transaction.atomic():
        _lock()
        # Rows of a model no longer translated go too.
        TranslationGap.objects.all().delete()
        for model in translatable_models():
            _write(model, site, None)
        TranslationGapCount.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL(
                    "INSERT INTO {counts} (content_type_id, language, state, number)"
                    " SELECT content_type_id, language, state, COUNT(*) FROM {gaps}"
                    " GROUP BY content_type_id, language, state"
                ).format(
                    counts=sql.Identifier(TranslationGapCount._meta.db_table),
                    gaps=sql.Identifier(TranslationGap._meta.db_table),
                )
            )
            # Statistics now, not when autovacuum comes by: without them the
            # first list of items sorted every gap (100 ms for 130,000).
            cursor.execute(
                sql.SQL("ANALYZE {}").format(sql.Identifier(TranslationGap._meta.db_table))
            )
        # What deleted items left behind (tasks nobody can do, records of
        # nothing), as the rows themselves are rebuilt from what exists.
        from translations.services.tasks import forget_orphans

        forget_orphans()
        TranslationGapsBuilt.objects.update_or_create(pk=1, defaults={"signature": signature(site)})


def ensure_gaps(site: Site) -> None:
    """Build the rows if they were never built for what the site is now."""
    from translations.models import TranslationGapsBuilt

    wanted = signature(site)
    if TranslationGapsBuilt.objects.filter(pk=1, signature=wanted).exists():
        return
    with transaction.atomic():
        _lock()
        # Another request may have built them while this one waited.
        if not TranslationGapsBuilt.objects.filter(pk=1, signature=wanted).exists():
            rebuild_gaps(site)


def _lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext('translation-gaps:' || current_schema()))"
        )
