"""Items of digests and bulletins as a subscriber reads them: plain data
(title, link, language …), decided once and kept with the delivery."""

import datetime
from collections.abc import Iterable
from html import unescape

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from search.models import SearchDocument
from search.query import Result
from search.registry import kinds
from tenants.addresses import site_url
from tenants.models import Site

SNIPPET_CHARS = 220

#: What one item is: the keys a digest template reads.
Item = dict


def from_result(site: Site, result: Result) -> Item:
    """A search result (its address in the reader's language) as an item."""
    return {
        "kind": result.kind,
        "label": str(result.label),
        "title": result.title,
        "title_language": result.title_language,
        "snippet": unescape(strip_tags(str(result.snippet)))[:SNIPPET_CHARS],
        "snippet_language": result.snippet_language,
        "url": site_url(site, result.url),
        "dated_at": result.dated_at.isoformat() if result.dated_at else "",
        "language": result.language,
    }


def from_documents(site: Site, keys: Iterable[tuple[str, int]], language: str) -> list[Item]:
    """The public documents of ``keys`` in ``language``, as items in the
    order of ``keys``; those no longer public are left out. Two queries."""
    keys = list(keys)
    wanted = {(kind, pk) for kind, pk in keys}
    documents = {
        (doc.kind, doc.object_id): doc
        for doc in SearchDocument.objects.filter(
            language=language,
            is_public=True,
            kind__in={kind for kind, _pk in keys},
            object_id__in={pk for _kind, pk in keys},
        ).only(
            "kind",
            "object_id",
            "title",
            "title_language",
            "body",
            "body_language",
            "url_name",
            "url_kwargs",
            "dated_at",
        )
        if (doc.kind, doc.object_id) in wanted
    }
    labels = dict(kinds())
    items = []
    with translation.override(language):
        for key in keys:
            doc = documents.get(tuple(key))
            if doc is None:
                continue
            path = reverse(doc.url_name, kwargs=doc.url_kwargs, urlconf=settings.ROOT_URLCONF)
            body = doc.body or ""
            items.append(
                {
                    "kind": doc.kind,
                    "label": str(labels.get(doc.kind, doc.kind)),
                    "title": doc.title,
                    "title_language": doc.title_language,
                    "snippet": body[:SNIPPET_CHARS] + ("…" if len(body) > SNIPPET_CHARS else ""),
                    "snippet_language": doc.body_language,
                    "url": site_url(site, path),
                    "dated_at": doc.dated_at.isoformat() if doc.dated_at else "",
                    "language": language,
                    "object_id": doc.object_id,
                }
            )
    return items


def has_fallback(items: Iterable[Item]) -> bool:
    """Whether some item is not written in the reader's language."""
    return any(item["title_language"] != item["language"] for item in items)


def displayed(items: Iterable[Item]) -> list[dict]:
    """Items with their date as a date-time again (``dated``), for templates:
    stored items keep it as text, in JSON."""
    return [
        {
            **item,
            "dated": datetime.datetime.fromisoformat(d) if (d := item.get("dated_at")) else None,
        }
        for item in items
    ]
