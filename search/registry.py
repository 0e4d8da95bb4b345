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
from django.db import connection, models
from django.db.models import Func, Value
from django.db.models.signals import post_delete, post_save
from psycopg2 import sql
from psycopg2.extras import Json, execute_values

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


def _columns(
    instance: models.Model, searchable: Searchable, site: Site, language: str
) -> tuple[dict, str, str]:
    """The plain columns of ``instance``'s document in ``language`` (keys and
    vectors excluded), and the title and body text the vectors are made of."""
    chain = fallback_chain(site, language)
    title = shown_text(instance, searchable.title, chain)
    bodies = [shown_text(instance, name, chain) for name in searchable.body]
    body_text = "\n".join(plain_text(b.text) for b in bodies if b.text)
    body_language = next((b.language for b in bodies if b.text), title.language)
    columns = {
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
    }
    return columns, title.text, body_text


def index_object(instance: models.Model, site: Site | None = None) -> None:
    """(Re)write the documents of one object, one per language of the site."""
    searchable = REGISTRY[type(instance)]
    site = site or current_site()
    content_type = ContentType.objects.get_for_model(instance)
    for language in site.languages:
        columns, title, body = _columns(instance, searchable, site, language)
        SearchDocument.objects.update_or_create(
            content_type=content_type,
            object_id=instance.pk,
            language=language,
            defaults={
                **columns,
                "title_vector": _vector(title),
                "vector": _vector(title, "A") + _vector(body, "B"),
            },
        )


# The vectors of _vector, written out for many rows at once: compiling one
# SearchVector expression per document through the ORM cost more than the
# whole insert (the demo's 1,000 documents: ~1 s of Python). A test checks
# that both paths write identical vectors.
_TITLE_VECTOR = "to_tsvector('simple'::regconfig, unaccent(%s))"
_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, unaccent(%s)), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, unaccent(%s)), 'B')"
)


def index_objects(instances: Iterable[models.Model], site: Site | None = None) -> int:
    """Write the documents of many objects in one statement: for objects
    created with ``bulk_create`` (which sends no signal), e.g. demo content.
    Documents that exist are rewritten; objects of models that are not
    searchable are passed over. Returns the number written."""
    site = site or current_site()
    rows = []
    for instance in instances:
        searchable = REGISTRY.get(type(instance))
        if searchable is None:
            continue
        content_type = ContentType.objects.get_for_model(instance)
        for language in site.languages:
            columns, title, body = _columns(instance, searchable, site, language)
            columns["url_kwargs"] = Json(columns["url_kwargs"])
            keys = (content_type.pk, instance.pk, language)
            folded = (document_text(title), document_text(title), document_text(body))
            rows.append((*keys, *columns.values(), *folded))
    if not rows:
        return 0
    names = ["content_type_id", "object_id", "language", *columns]
    statement = sql.SQL(
        "INSERT INTO {table} ({names}, title_vector, vector) VALUES %s"
        " ON CONFLICT (content_type_id, object_id, language) DO UPDATE SET {updates}"
    ).format(
        table=sql.Identifier(SearchDocument._meta.db_table),
        names=sql.SQL(", ").join(map(sql.Identifier, names)),
        updates=sql.SQL(", ").join(
            sql.SQL("{name} = EXCLUDED.{name}").format(name=sql.Identifier(name))
            for name in [*columns, "title_vector", "vector"]
        ),
    )
    template = "(" + ", ".join(["%s"] * len(names)) + f", {_TITLE_VECTOR}, {_VECTOR})"
    with connection.cursor() as cursor:
        execute_values(
            cursor.cursor,
            statement.as_string(cursor.cursor),
            rows,
            template=template,
            page_size=500,
        )
    return len(rows)


def rebuild(site: Site) -> int:
    """Re-create every document of the current schema's site."""
    SearchDocument.objects.all().delete()
    count = 0
    for model in REGISTRY:
        for instance in model.objects.all().iterator():
            index_object(instance, site)
            count += 1
    return count
