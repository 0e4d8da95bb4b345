"""What the search box covers, and the documents it searches.

Each searchable object gets one ``SearchDocument`` per site language, holding
the text a reader of that language sees (fallback included), indexed as a
tsvector with the ``simple`` configuration over unaccented, CJK-bigrammed
text (``search.text``). Content apps register their models with
:func:`register` from ``AppConfig.ready()``; saving or deleting an object
keeps its documents current. Search itself never imports a content app.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Func, Value
from django.db.models.signals import post_delete, post_save

from search.models import SearchDocument
from search.text import document_text
from tenants.context import current_site
from tenants.models import Site
from translations.fallback import fallback_chain, shown_text
from web.rich_text import plain_text


@dataclass(frozen=True)
class Searchable:
    kind: str
    label: str  # translated, plural: shown as the type filter
    title: str
    body: tuple[str, ...]
    url_name: str
    url_kwargs: Callable[[models.Model], dict]
    is_public: Callable[[models.Model], bool]
    visible_from: Callable[[models.Model], datetime | None] = lambda _obj: None
    visible_until: Callable[[models.Model], date | None] = lambda _obj: None


REGISTRY: dict[type[models.Model], Searchable] = {}


def register(model: type[models.Model], searchable: Searchable) -> None:
    REGISTRY[model] = searchable
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-{model._meta.label}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-unindex-{model._meta.label}")


def kinds() -> list[tuple[str, str]]:
    return [(s.kind, s.label) for s in REGISTRY.values()]


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_object(instance)


def _deleted(sender, instance, **kwargs) -> None:
    SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).delete()


def _vector(text: str, weight: str | None = None) -> SearchVector:
    return SearchVector(
        Func(Value(document_text(text)), function="unaccent"), config="simple", weight=weight
    )


# What _document fills: the columns a rewrite replaces.
DOCUMENT_COLUMNS = [
    "kind", "title", "title_language", "body", "body_language", "url_name", "url_kwargs",
    "is_public", "visible_from", "visible_until", "title_vector", "vector",
]  # fmt: skip


def _document(instance: models.Model, searchable: Searchable, site: Site, language: str) -> dict:
    """The columns of ``instance``'s document in ``language`` (keys excluded)."""
    chain = fallback_chain(site, language)
    title = shown_text(instance, searchable.title, chain)
    bodies = [shown_text(instance, name, chain) for name in searchable.body]
    body_text = "\n".join(plain_text(b.text) for b in bodies if b.text)
    body_language = next((b.language for b in bodies if b.text), title.language)
    return {
        "kind": searchable.kind,
        "title": title.text,
        "title_language": title.language,
        "body": body_text,
        "body_language": body_language,
        "url_name": searchable.url_name,
        "url_kwargs": searchable.url_kwargs(instance),
        "is_public": searchable.is_public(instance),
        "visible_from": searchable.visible_from(instance),
        "visible_until": searchable.visible_until(instance),
        "title_vector": _vector(title.text),
        "vector": _vector(title.text, "A") + _vector(body_text, "B"),
    }


def index_object(instance: models.Model, site: Site | None = None) -> None:
    """(Re)write the documents of one object, one per language of the site."""
    searchable = REGISTRY[type(instance)]
    site = site or current_site()
    content_type = ContentType.objects.get_for_model(instance)
    for language in site.languages:
        SearchDocument.objects.update_or_create(
            content_type=content_type,
            object_id=instance.pk,
            language=language,
            defaults=_document(instance, searchable, site, language),
        )


def index_objects(instances: Iterable[models.Model], site: Site | None = None) -> int:
    """Write the documents of many objects in one statement: for objects
    created with ``bulk_create`` (which sends no signal), e.g. demo content.
    Documents that exist are rewritten; objects of models that are not
    searchable are passed over. Returns the number written."""
    site = site or current_site()
    documents = [
        SearchDocument(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=instance.pk,
            language=language,
            **_document(instance, REGISTRY[type(instance)], site, language),
        )
        for instance in instances
        if type(instance) in REGISTRY
        for language in site.languages
    ]
    if documents:
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "language"],
            update_fields=DOCUMENT_COLUMNS,
        )
    return len(documents)


def rebuild(site: Site) -> int:
    """Re-create every document of the current schema's site."""
    SearchDocument.objects.all().delete()
    count = 0
    for model in REGISTRY:
        for instance in model.objects.all().iterator():
            index_object(instance, site)
            count += 1
    return count
