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
from django.db import connection, models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from psycopg2 import sql
from psycopg2.extras import Json, execute_values

from languages.columns import text_in
from search.lexicon import remember_words
from search.models import ProductTerm, SearchDocument
from search.models.vocabulary import code_and_ancestors
from search.text import document_text, tsvector
from tenants.context import current_site
from tenants.models import Site
from translations.fallback import fallback_chain, shown_text
from web.rich_text import plain_text


def _nothing(_obj) -> None:
    return None


def _no_words(_obj) -> list[str]:
    return []


@dataclass(frozen=True)
class Searchable:
    """How one model is searched. Only ``kind`` to ``is_public`` are required.

    ``products`` gives the object's HS codes (its headings and chapters are
    added here), ``country`` the country a filter matches, ``dated`` the date
    readers go by (ordering and the date filter) and ``keywords`` words that
    find the object without being shown, in every language (a category's
    names: "nong nghiep" finds an article filed under Nông nghiệp).
    """

    kind: str
    label: str  # translated, plural: shown as the type filter
    title: str
    body: tuple[str, ...]
    url_name: str
    url_kwargs: Callable[[models.Model], dict]
    is_public: Callable[[models.Model], bool]
    visible_from: Callable[[models.Model], datetime | None] = _nothing
    visible_until: Callable[[models.Model], date | None] = _nothing
    products: Callable[[models.Model], Iterable[str]] = _no_words
    country: Callable[[models.Model], str] = lambda _obj: ""
    dated: Callable[[models.Model], datetime | None] = _nothing
    #: When what is dated ends (an event's end): lists of what is upcoming
    #: keep it until then, as the site's own lists do (the hub's events).
    ends: Callable[[models.Model], datetime | None] = _nothing
    keywords: Callable[[models.Model], Iterable[str]] = _no_words
    #: The time zone its dates are read in (an event's own: the Expo's days
    #: are Nanning's wherever it is listed); empty: its site's.
    time_zone: Callable[[models.Model], str] = lambda _obj: ""
    #: The code of the site it is a copy of (a co-hosted event's origin):
    #: lists across sites show the original only.
    copy_of: Callable[[models.Model], str] = lambda _obj: ""
    #: The other sites that show it too (an event's co-hosts), by code.
    shared_with: Callable[[models.Model], Iterable[str]] = _no_words


REGISTRY: dict[type[models.Model], Searchable] = {}

#: ``(kind, object id)``: one object's documents, whatever their language.
DocumentKey = tuple[str, int]


@dataclass(frozen=True)
class Listener:
    """What an app above (the hub's index of every site) does when documents
    change, so it stays in step on write without this app knowing it.

    ``changed(site, keys)`` runs in the site's schema, in the transaction
    that wrote or deleted the documents of ``keys`` (the documents read then
    are the current ones; an object with none was deleted).
    ``rebuilt(site)`` runs after :func:`rebuild` rewrote every document.
    """

    changed: Callable[[Site, list[DocumentKey]], None]
    rebuilt: Callable[[Site], None]


_LISTENERS: list[Listener] = []


def listen(listener: Listener) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _tell(site: Site, keys: list[DocumentKey]) -> None:
    if keys:
        for listener in _LISTENERS:
            listener.changed(site, keys)


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
    _tell(current_site(), [(REGISTRY[sender].kind, instance.pk)])


def written_in(instance: models.Model, field: str, languages: Iterable[str]) -> list[str]:
    """The languages ``field`` is written in (not held back as unpublished)."""
    held_back = getattr(instance, "unpublished_languages", None) or ()
    return [
        language
        for language in languages
        if language not in held_back and text_in(instance, field, language)
    ]


@dataclass
class _Shared:
    """What an object's documents have in common, whatever their language."""

    is_public: bool
    products: list[str]
    country: str
    languages: list[str]
    dated: datetime | None
    keywords: str


def _shared(instance: models.Model, searchable: Searchable, site: Site) -> _Shared:
    return _Shared(
        is_public=searchable.is_public(instance),
        products=sorted(
            {a for code in searchable.products(instance) for a in code_and_ancestors(code)}
        ),
        country=(searchable.country(instance) or "")[:2],
        languages=written_in(instance, searchable.title, site.languages),
        dated=searchable.dated(instance),
        keywords=" ".join(dict.fromkeys(w for w in searchable.keywords(instance) if w)),
    )


def _columns(
    instance: models.Model,
    searchable: Searchable,
    site: Site,
    language: str,
    shared: _Shared,
    public_since: datetime | None,
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
        "is_public": shared.is_public,
        "visible_from": searchable.visible_from(instance),
        "visible_until": searchable.visible_until(instance),
        "products": shared.products,
        "country": shared.country,
        "languages": shared.languages,
        "dated_at": shared.dated or public_since,
        "ends_at": searchable.ends(instance),
        "public_since": public_since,
        "time_zone": searchable.time_zone(instance) or "",
        "copy_of": searchable.copy_of(instance) or "",
        "shared_with": list(searchable.shared_with(instance)),
    }
    return columns, title.text, body_text


def index_object(instance: models.Model, site: Site | None = None) -> None:
    """(Re)write the documents of one object, one per language of the site."""
    searchable = REGISTRY[type(instance)]
    site = site or current_site()
    content_type = ContentType.objects.get_for_model(instance)
    shared = _shared(instance, searchable, site)
    # Public since it was last made public: a listing approved today is new
    # today, whenever it was posted; edits keep the date.
    earlier = (
        SearchDocument.objects.filter(content_type=content_type, object_id=instance.pk)
        .exclude(public_since=None)
        .values_list("public_since", flat=True)
        .first()
    )
    public_since = (earlier or timezone.now()) if shared.is_public else None
    titles = []
    for language in site.languages:
        columns, title, body = _columns(instance, searchable, site, language, shared, public_since)
        titles.append(title)
        vector = tsvector(title, "A") + tsvector(body, "B")
        if shared.keywords:
            vector = vector + tsvector(shared.keywords, "C")
        SearchDocument.objects.update_or_create(
            content_type=content_type,
            object_id=instance.pk,
            language=language,
            defaults={**columns, "title_vector": tsvector(title), "vector": vector},
        )
    if shared.is_public:
        remember_words(titles)
    _tell(site, [(searchable.kind, instance.pk)])


def reindex(instances: Iterable[models.Model]) -> None:
    """Rewrite the documents of objects whose searchable text changed elsewhere
    (an article's category renamed, for instance)."""
    for instance in instances:
        index_object(instance)


# The vectors of search.text.tsvector, written out for many rows at once:
# compiling one SearchVector expression per document through the ORM cost more
# than the whole insert (the demo's 1,000 documents: ~1 s of Python). A test
# checks that both paths write identical vectors. Keywords that are empty add
# nothing to a vector, as on save.
_TITLE_VECTOR = "to_tsvector('simple'::regconfig, unaccent(%s))"
_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, unaccent(%s)), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, unaccent(%s)), 'B')"
    " || setweight(to_tsvector('simple'::regconfig, unaccent(%s)), 'C')"
)


def index_objects(instances: Iterable[models.Model], site: Site | None = None) -> int:
    """Write the documents of many objects in one statement: for objects
    created with ``bulk_create`` (which sends no signal), e.g. demo content.
    Documents that exist are rewritten, keeping the date they became public;
    objects of models that are not searchable are passed over. Returns the
    number written."""
    site = site or current_site()
    rows = []
    titles = []
    changed: list[DocumentKey] = []
    now = timezone.now()
    for instance in instances:
        searchable = REGISTRY.get(type(instance))
        if searchable is None:
            continue
        changed.append((searchable.kind, instance.pk))
        content_type = ContentType.objects.get_for_model(instance)
        shared = _shared(instance, searchable, site)
        public_since = now if shared.is_public else None
        for language in site.languages:
            columns, title, body = _columns(
                instance, searchable, site, language, shared, public_since
            )
            columns["url_kwargs"] = Json(columns["url_kwargs"])
            keys = (content_type.pk, instance.pk, language)
            folded = (
                document_text(title),
                document_text(title),
                document_text(body),
                document_text(shared.keywords),
            )
            rows.append((*keys, *columns.values(), *folded))
            if shared.is_public:
                titles.append(title)
    if not rows:
        return 0
    names = ["content_type_id", "object_id", "language", *columns]
    kept = {
        "public_since": "CASE WHEN EXCLUDED.is_public THEN COALESCE({table}.public_since, EXCLUDED.public_since) END"
    }
    statement = sql.SQL(
        "INSERT INTO {table} ({names}, title_vector, vector) VALUES %s"
        " ON CONFLICT (content_type_id, object_id, language) DO UPDATE SET {updates}"
    ).format(
        table=sql.Identifier(SearchDocument._meta.db_table),
        names=sql.SQL(", ").join(map(sql.Identifier, names)),
        updates=sql.SQL(", ").join(
            sql.SQL("{name} = ").format(name=sql.Identifier(name))
            + (
                sql.SQL(kept[name]).format(table=sql.Identifier(SearchDocument._meta.db_table))
                if name in kept
                else sql.SQL("EXCLUDED.{name}").format(name=sql.Identifier(name))
            )
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
    remember_words(titles)
    _tell(site, changed)
    return len(rows)


def rebuild(site: Site) -> int:
    """Rewrite every document of the current schema's site, and drop those of
    objects or languages that are gone. Rewriting in place keeps the date
    each object became public, which alerts go by."""
    count = 0
    for model in REGISTRY:
        content_type = ContentType.objects.get_for_model(model)
        for instance in model.objects.all().iterator():
            index_object(instance, site)
            count += 1
        SearchDocument.objects.filter(content_type=content_type).exclude(
            object_id__in=model.objects.values("pk")
        ).delete()
    SearchDocument.objects.exclude(language__in=site.languages).delete()
    remember_words(ProductTerm.objects.values_list("text", flat=True), phrases=True)
    SearchDocument.objects.exclude(
        content_type__in=[ContentType.objects.get_for_model(model) for model in REGISTRY]
    ).delete()
    for listener in _LISTENERS:
        listener.rebuilt(site)
    return count
