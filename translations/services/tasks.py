"""Translation tasks: what the site's translators are asked to translate.

A task names one object and one language. It is opened when an editor
publishes (or approves) content that lacks a language of the site, or when
a reader asks for a translation with the button beside the fallback note;
readers are counted once each. It closes by itself when the translation is
saved (every field that has a source text has a translation).

Content apps say which of their models take tasks, and when such an object
is public, with :func:`register` from ``AppConfig.ready()``.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import Exists, F, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from languages.columns import text_in
from tenants.models import Site
from translations.models import TranslationRequest, TranslationSource, TranslationTask
from translations.services.translation_status import (
    source_language_of,
    translatable_models,
    translated_fields,
)

CREATED, COUNTED, REPEATED = "created", "counted", "repeated"


@dataclass(frozen=True)
class Requestable:
    model: type[models.Model]
    #: Whether readers can see the object (only then may they ask).
    is_public: Callable[[models.Model], bool]
    #: Open tasks when the object becomes public without some language.
    on_publish: bool = True


_REGISTRY: dict[type[models.Model], Requestable] = {}


def register(
    model: type[models.Model], *, is_public: Callable[[models.Model], bool], on_publish: bool = True
) -> None:
    _REGISTRY[model] = Requestable(model, is_public, on_publish)


def registered(model: type[models.Model]) -> Requestable | None:
    return _REGISTRY.get(model)


def registered_models() -> list[type[models.Model]]:
    return list(_REGISTRY)


def missing_languages(instance: models.Model, site: Site) -> list[str]:
    """Site languages in which some field with a source text has no translation."""
    source_language = source_language_of(instance, site)
    names = [
        name
        for name in translated_fields(type(instance))
        if text_in(instance, name, source_language)
    ]
    return [
        language
        for language in site.languages
        if language != source_language
        and any(not text_in(instance, name, language) for name in names)
    ]


def open_tasks(instance: models.Model) -> models.QuerySet:
    return TranslationTask.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        closed_at__isnull=True,
    )


def waiting(site: Site) -> models.QuerySet:
    """The open tasks in the site's languages: what the task list shows and
    the dashboard counts (one query for both, so they never disagree)."""
    return TranslationTask.objects.filter(closed_at__isnull=True, language__in=site.languages)


def forget(instance: models.Model) -> None:
    """The item is deleted: so are its tasks (with their readers' requests)
    and its translation records. A task of a deleted item could never be
    done: the dashboard counted it for ever while the list left it out."""
    content_type = ContentType.objects.get_for_model(instance)
    where = {"content_type": content_type, "object_id": instance.pk}
    TranslationTask.objects.filter(**where).delete()
    TranslationSource.objects.filter(**where).delete()


def forget_orphans() -> int:
    """Tasks and translation records whose item no longer exists (deleted
    around the models, or before deletes took them along), removed; how many.
    One statement per table and translated model, in the current schema."""
    removed = 0
    known: list[int] = []
    for model in translatable_models():
        content_type = ContentType.objects.get_for_model(model)
        known.append(content_type.pk)
        exists = Exists(model._base_manager.filter(pk=OuterRef("object_id")))
        for table in (TranslationTask, TranslationSource):
            removed += (
                table.objects.filter(content_type=content_type)
                .exclude(exists)
                .delete()[1]
                .get(table._meta.label, 0)
            )
    # Models no longer translated (or gone) keep no tasks either.
    for table in (TranslationTask, TranslationSource):
        removed += (
            table.objects.exclude(content_type__in=known).delete()[1].get(table._meta.label, 0)
        )
    return removed


def _open(instance, language: str, site: Site, reason: str, now) -> tuple[TranslationTask, bool]:
    """The open task of ``instance`` in ``language``, made if there is none."""
    content_type = ContentType.objects.get_for_model(instance)
    existing = open_tasks(instance).filter(language=language).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return (
                TranslationTask.objects.create(
                    content_type=content_type,
                    object_id=instance.pk,
                    language=language,
                    source_language=source_language_of(instance, site),
                    reason=reason,
                    created_at=now,
                ),
                True,
            )
    except IntegrityError:  # opened by someone else meanwhile
        return open_tasks(instance).get(language=language), False


def open_for_publication(instance: models.Model, site: Site) -> list[TranslationTask]:
    """Tasks for every language the object lacks, as it is published."""
    now = timezone.now()
    return [
        _open(instance, language, site, TranslationTask.Reason.PUBLISHED, now)[0]
        for language in missing_languages(instance, site)
    ]


def requester_key(request: HttpRequest) -> str:
    """Who asked, as a keyed digest of the client's address on this site:
    enough to count each reader once, nothing to identify them by."""
    from web.ratelimit import client_address

    site = getattr(getattr(request, "tenant", None), "schema_name", "")
    return salted_hmac("translation-request", f"{site}|{client_address(request)}").hexdigest()[:40]


def ask(instance: models.Model, language: str, *, requester: str, site: Site) -> str:
    """A reader asks for ``instance`` in ``language``: CREATED (a new task),
    COUNTED (one more reader on an open task) or REPEATED (this reader had
    asked already)."""
    now = timezone.now()
    with transaction.atomic():
        task, created = _open(instance, language, site, TranslationTask.Reason.READERS, now)
        try:
            with transaction.atomic():
                TranslationRequest.objects.create(task=task, requester=requester, created_at=now)
        except IntegrityError:
            return REPEATED
        TranslationTask.objects.filter(pk=task.pk).update(requests=F("requests") + 1)
    return CREATED if created else COUNTED


def close_done(instance: models.Model, site: Site) -> int:
    """Close the open tasks of ``instance`` whose language is now translated."""
    tasks = list(open_tasks(instance).only("pk", "language"))
    if not tasks:
        return 0
    missing = set(missing_languages(instance, site))
    done = [task.pk for task in tasks if task.language not in missing]
    if done:
        TranslationTask.objects.filter(pk__in=done).update(closed_at=timezone.now())
    return len(done)


def is_requested(instance: models.Model, language: str) -> bool:
    """One query, joined to the content types: a site's content type ids are
    its schema's, so their cache does not outlive a request (tenants.contenttypes).
    Written in SQL: the fallback note asks on every page of content shown in
    another language, and building and compiling this filter through the ORM
    made a call 2.1–3.1 ms against 0.4–0.7 ms in SQL (the benchmark site)."""
    meta = instance._meta
    alias = router.db_for_read(TranslationTask, instance=instance)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            _is_requested_sql(), [meta.app_label, meta.model_name, instance.pk, language]
        )
        return cursor.fetchone() is not None


def requested_ids(model: type[models.Model], language: str) -> tuple[int, ...]:
    """The ids of ``model``'s objects with an open task into ``language``,
    in order (for :func:`bisect`): one query that answers is_requested for
    every object of the model, for as long as the site does not change."""
    meta = model._meta
    alias = router.db_for_read(TranslationTask)
    with connections[alias].cursor() as cursor:
        cursor.execute(_requested_ids_sql(), [meta.app_label, meta.model_name, language])
        return tuple(row[0] for row in cursor.fetchall())


@functools.cache
def _requested_ids_sql() -> str:
    task, content_type = TranslationTask._meta, ContentType._meta
    column = {f.name: f.column for f in task.concrete_fields}
    return (
        f'SELECT DISTINCT t."{column["object_id"]}" FROM "{task.db_table}" t'
        f' JOIN "{content_type.db_table}" c ON c."id" = t."{column["content_type"]}"'
        f' WHERE c."app_label" = %s AND c."model" = %s AND t."{column["language"]}" = %s'
        f' AND t."{column["closed_at"]}" IS NULL ORDER BY 1'
    )


@functools.cache
def _is_requested_sql() -> str:
    task, content_type = TranslationTask._meta, ContentType._meta
    column = {f.name: f.column for f in task.concrete_fields}
    return (
        f'SELECT 1 FROM "{task.db_table}" t JOIN "{content_type.db_table}" c'
        f' ON c."id" = t."{column["content_type"]}"'
        f' WHERE c."app_label" = %s AND c."model" = %s AND t."{column["object_id"]}" = %s'
        f' AND t."{column["language"]}" = %s AND t."{column["closed_at"]}" IS NULL LIMIT 1'
    )


def objects_of(tasks: Iterable[TranslationTask]) -> dict[int, models.Model]:
    """Task id → its object (one query per content type, not per task);
    tasks whose object is gone are left out."""
    by_type: dict[int, list[TranslationTask]] = {}
    for task in tasks:
        by_type.setdefault(task.content_type_id, []).append(task)
    found = {}
    for type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        objects = model._default_manager.in_bulk([task.object_id for task in group])
        for task in group:
            if task.object_id in objects:
                found[task.pk] = objects[task.object_id]
    return found
