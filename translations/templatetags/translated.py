"""Show translated content with honest fallback.

{% shown article "title" as title %}
<h1 lang="{{ title.language }}">{{ title }}</h1>
{% fallback_note title %}
"""

from bisect import bisect_left

from django import template
from django.http import HttpRequest
from django.utils import translation

from languages.formatting import language_in_sentence, language_name
from tenants.context import current_site
from tenants.hub import is_hub
from translations.fallback import ShownText, fallback_chain, shown_text
from translations.services import tasks
from web.page_cache import fragment_scope
from web.templatetags.fragments import kept_value

register = template.Library()


@register.simple_tag(takes_context=True)
def shown(context, instance, field: str) -> ShownText:
    """Works in pages (the request's site) and in e-mails (the schema's site)."""
    request = context.get("request")
    language = translation.get_language()
    site = getattr(request, "tenant", None) if request is not None else current_site()
    chain = [language] if is_hub(site) else fallback_chain(site, language)
    return shown_text(instance, field, chain)


@register.inclusion_tag("translations/fallback_note.html", takes_context=True)
def fallback_note(context, *texts: ShownText, item=None) -> dict:
    """One note for a block whose texts may fall back: names the first
    fallback language. Given the ``item`` the texts are of, it says whether
    a translation has been requested, or offers the reader to ask for one
    (content whose model takes translation tasks, on a site)."""
    fallback = next((text for text in texts if text.is_fallback), None)
    if fallback is None:
        return {"note": None}
    reader = fallback.requested
    note = {
        "requested": language_in_sentence(reader, reader),
        "shown": language_in_sentence(fallback.language, reader),
    }
    request = context.get("request")
    requestable = item is not None and tasks.registered(type(item))
    if requestable and not is_hub(getattr(request, "tenant", None)) and requestable.is_public(item):
        note["item"] = f"{item._meta.label_lower}:{item.pk}"
        note["asked"] = _is_requested(request, item, reader)
    return {"note": note, "csrf_token": context.get("csrf_token"), "request": request}


def _is_requested(request: HttpRequest | None, item, language: str) -> bool:
    """Whether ``item`` has an open task into ``language``. Asked on every
    page shown in a fallback language: the ids of the model's requested
    objects are kept as fragments are (until the site changes), so the
    site's detail pages share one query instead of one each (~0.13 ms of
    CPU and a round trip per page, bench/http.py)."""
    if fragment_scope(request) is None:
        return tasks.is_requested(item, language)
    ids = kept_value(
        request,
        "translation-requested",
        [item._meta.label_lower, language],
        lambda: tasks.requested_ids(type(item), language),
    )
    at = bisect_left(ids, item.pk)
    return at < len(ids) and ids[at] == item.pk


@register.filter
def shown_language_name(text: ShownText) -> str:
    return language_name(text.language, text.requested)
