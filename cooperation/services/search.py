"""One search box across a site's content, in the reader's language.

Each searchable object gets one ``SearchDocument`` per site language, holding
the text a reader of that language sees (fallback included), indexed as a
tsvector with the ``simple`` configuration over unaccented, CJK-bigrammed
text (see ``search_text``). Queries are prefix matches of every token; title
matches rank first, then PostgreSQL's rank. Apps register their models with
:func:`register`; saving or deleting an object keeps its documents current.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from cooperation.models import SearchDocument
from cooperation.services.search_text import CJK, document_text, fold, query_tokens
from tenants.context import current_site
from tenants.models import Site
from translations.fallback import fallback_chain, shown_text
from web.rich_text import plain_text

RESULTS_LIMIT = 30
CANDIDATES = 300
SNIPPET_CHARS = 180


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


def index_object(instance: models.Model, site: Site | None = None) -> None:
    """(Re)write the documents of one object, one per language of the site."""
    searchable = REGISTRY[type(instance)]
    site = site or current_site()
    content_type = ContentType.objects.get_for_model(instance)
    for language in site.languages:
        chain = fallback_chain(site, language)
        title = shown_text(instance, searchable.title, chain)
        bodies = [shown_text(instance, name, chain) for name in searchable.body]
        body_text = "\n".join(plain_text(b.text) for b in bodies if b.text)
        body_language = next((b.language for b in bodies if b.text), title.language)
        SearchDocument.objects.update_or_create(
            content_type=content_type,
            object_id=instance.pk,
            language=language,
            defaults={
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
            },
        )


def rebuild(site: Site) -> int:
    """Re-create every document of the current schema's site."""
    SearchDocument.objects.all().delete()
    count = 0
    for model in REGISTRY:
        for instance in model.objects.all().iterator():
            index_object(instance, site)
            count += 1
    return count


@dataclass
class Result:
    kind: str
    label: str
    title: str
    title_language: str
    snippet: SafeString
    snippet_language: str
    url: str


def search(query: str, *, language: str, kind: str = "") -> list[Result]:
    """Title matches first, then body matches; each group ranked by ts_rank.

    Matching uses the GIN indexes (title_vector, vector). Only the newest
    CANDIDATES matches of each group are ranked, so a query that matches half
    the site costs a bounded amount of ranking work.
    """
    words = query_tokens(query)
    if not words:
        return []
    # Only the last word may be unfinished (the reader is still typing it);
    # prefix-matching every word makes short ones ("ca", "an") expand to
    # thousands of index entries each.
    terms = [*words[:-1], f"{words[-1]}:*"]
    with connection.cursor() as cursor:  # the same unaccent as the documents got
        cursor.execute("SELECT unaccent(%s)", [" & ".join(terms)])
        tsquery = SearchQuery(cursor.fetchone()[0], search_type="raw", config="simple")
    visible = (
        SearchDocument.objects.filter(language=language, is_public=True)
        .filter(Q(visible_from__isnull=True) | Q(visible_from__lte=timezone.now()))
        .filter(Q(visible_until__isnull=True) | Q(visible_until__gte=timezone.localdate()))
    )
    if kind:
        visible = visible.filter(kind=kind)
    newest_first = (F("visible_from").desc(nulls_last=True), "-pk")
    title_ids = list(
        visible.filter(title_vector=tsquery)
        .order_by(*newest_first)
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    body_ids = []
    if len(title_ids) < RESULTS_LIMIT:
        body_ids = list(
            visible.filter(vector=tsquery)
            .exclude(pk__in=title_ids)
            .order_by(*newest_first)
            .values_list("pk", flat=True)[:CANDIDATES]
        )
    documents = (
        SearchDocument.objects.filter(pk__in=title_ids + body_ids)
        .annotate(
            in_title=Case(When(pk__in=title_ids, then=Value(True)), default=Value(False)),
            rank=SearchRank(F("vector"), tsquery),
        )
        .order_by("-in_title", "-rank", "pk")
        .only("kind", "title", "title_language", "body", "body_language", "url_name", "url_kwargs")
    )
    labels = dict(kinds())
    return [
        Result(
            kind=document.kind,
            label=labels.get(document.kind, document.kind),
            title=document.title,
            title_language=document.title_language,
            snippet=highlight(document.body or document.title, words),
            snippet_language=document.body_language,
            url=reverse(document.url_name, kwargs=document.url_kwargs),
        )
        for document in documents[:RESULTS_LIMIT]
    ]


def highlight(text: str, words: list[str]) -> SafeString:
    """A short extract around the first match, matches in <mark>, the rest escaped."""
    folded = fold(text)
    spans = []
    for word in words:
        target = word if CJK.fullmatch(word) else fold(word)
        start = folded.find(target)
        while start != -1:
            spans.append((start, start + len(target)))
            start = folded.find(target, start + len(target))
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - SNIPPET_CHARS // 3)
    end = min(len(text), begin + SNIPPET_CHARS)
    parts, position = [], begin
    for start, stop in spans:
        if start < position or stop > end:
            continue
        parts += [
            html.escape(text[position:start]),
            "<mark>",
            html.escape(text[start:stop]),
            "</mark>",
        ]
        position = stop
    parts.append(html.escape(text[position:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every piece of text above is escaped
