"""Show translated content with honest fallback.

{% shown article "title" as title %}
<h1 lang="{{ title.language }}">{{ title }}</h1>
{% fallback_note title %}
"""

from bisect import bisect_left

from django import template
from django.http import HttpRequest
from django.template.base import render_value_in_context
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from languages.formatting import (
    blocktranslated,
    format_names,
    language_in_sentence,
    language_name,
)
from languages.rendering import rendering_language
from tenants.context import current_site
from tenants.hub import is_hub
from translations.fallback import ShownText, fallback_chain, shown_text
from translations.services import tasks
from web.page_cache import fragment_scope
from web.templatetags.fragments import kept_value
from web.templatetags.memo_url import memo_reverse

register = template.Library()

#: The fallback note's sentences (translated where they are written out).
NOT_YET = gettext_noop("Not yet available in %(requested)s — shown in %(shown)s.")
REQUESTED = gettext_noop("A translation into %(requested)s has been requested.")
ASK = gettext_noop("Ask for a translation into %(requested)s")


@register.simple_tag(takes_context=True)
def shown(context, instance, field: str) -> ShownText:
    """Works in pages (the request's site) and in e-mails (the schema's site)."""
    request = context.get("request")
    language = rendering_language(context)
    site = getattr(request, "tenant", None) if request is not None else current_site()
    chain = [language] if is_hub(site) else fallback_chain(site, language)
    return shown_text(instance, field, chain)


@register.simple_tag(takes_context=True)
def fallback_note(context, *texts: ShownText, item=None) -> SafeString:
    """One note for a block whose texts may fall back: names the first
    fallback language. Given the ``item`` the texts are of, it says whether
    a translation has been requested, or offers the reader to ask for one
    (content whose model takes translation tasks, on a site).

    Written here rather than by an inclusion template (a template of its own,
    a context, three {% blocktranslate %}): ~0.15 ms of CPU on every page
    shown in a fallback language (bench/http.py). The same HTML, character
    for character (tests/translations/test_fallback_note.py holds the
    template): each value is written out by Django's render_value_in_context
    and each sentence translated as {% blocktranslate trimmed %} does."""
    fallbacks = [text for text in texts if text.is_fallback]
    if not fallbacks:
        return mark_safe("\n")
    reader = fallbacks[0].requested
    requested = render_value_in_context(language_in_sentence(reader, reader), context)
    # Every language the block falls back to ("Chinese and Indonesian": a
    # title in one, the text in another), in the order the texts come.
    names = [
        language_in_sentence(code, reader) for code in dict.fromkeys(t.language for t in fallbacks)
    ]
    shown = render_value_in_context(
        names[0] if len(names) == 1 else format_names(names, reader), context
    )
    parts = [
        '<div class="fallback-note" role="note"><p>',
        blocktranslated(NOT_YET, lambda: {"requested": requested, "shown": shown}),
        "</p>\n",
    ]
    request = context.get("request")
    requestable = item is not None and tasks.registered(type(item))
    if requestable and not is_hub(getattr(request, "tenant", None)) and requestable.is_public(item):
        if _is_requested(request, item, reader):
            parts += [
                '<p class="fallback-note__request">',
                blocktranslated(REQUESTED, lambda: {"requested": requested}),
                "</p>\n",
            ]
        else:
            token = context.get("csrf_token")
            parts += [
                '<form method="post" action="',
                render_value_in_context(memo_reverse("ask_translation"), context),
                '" class="fallback-note__request">',
                # As {% csrf_token %} writes it.
                format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
                if token and token != "NOTPROVIDED"
                else "",
                '<input type="hidden" name="item" value="',
                render_value_in_context(f"{item._meta.label_lower}:{item.pk}", context),
                '"><input type="hidden" name="next" value="',
                render_value_in_context(request.get_full_path() if request else "", context),
                '"><button type="submit" class="link-button">',
                blocktranslated(ASK, lambda: {"requested": requested}),
                "</button></form>",
            ]
    parts.append("</div>\n")
    return mark_safe("".join(parts))  # every value above is escaped


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
