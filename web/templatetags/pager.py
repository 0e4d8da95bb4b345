"""``{% pager_summary %}``: the pager's summary ("Showing 1–20 of 345"),
rendered once a page although a list shows it twice, above its items and
again beside the links below them (``includes/pager.html``). Rendered twice,
with three numbers formatted by Babel each time, it cost the news list about
0.3 ms of CPU a request (bench/http.py --profile)."""

import functools

from django import template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from languages.formatting import blocktranslated, format_number
from languages.memos import forget_with_languages
from languages.rendering import rendering_language
from languages.templatetags.formatting import number as number_filter
from web.pagination import Pager

register = template.Library()


@register.simple_tag(takes_context=True)
def pager_summary(context: template.Context) -> SafeString:
    pager = context.get("pager")
    html = getattr(pager, "summary_html", None)
    if html is None:
        # The active language is part of the text: a page renders in one.
        html = summary_html(pager)
        if isinstance(pager, Pager):
            pager.summary_html = html
    return html


def summary_html(pager: Pager) -> SafeString:
    """What ``includes/pager_summary.html`` renders (its blocktranslate tags:
    the message with its numbers formatted, then escaped), in one call:
    rendering that template was ~0.1 ms of a list's CPU (bench/http.py
    --profile). tests/web/test_pager_nav.py renders both. A pager of another
    kind (the hub's, a test's) may lack attributes: absent is false, as in
    the template."""
    count, keyset = getattr(pager, "count", None), getattr(pager, "keyset", None)
    lower_bound = getattr(pager, "count_is_lower_bound", None)
    if count is None and not keyset:
        message, values = "Page %(number)s", {"number": getattr(pager, "number", "")}
    elif keyset:
        if lower_bound:
            message, values = "Total: more than %(total)s", {"total": count}
        elif count is not None:
            message, values = "Total: %(total)s", {"total": count}
        else:
            return SafeString("")
    else:
        message = (
            "Showing %(first)s–%(last)s of more than %(total)s"
            if lower_bound
            else "Showing %(first)s–%(last)s of %(total)s"
        )
        values = {
            "first": getattr(pager, "start_index", ""),
            "last": getattr(pager, "end_index", ""),
            "total": count,
        }

    return SafeString(
        blocktranslated(
            message,
            lambda: {name: conditional_escape(number_filter(v)) for name, v in values.items()},
        )
    )


CURRENT = ' aria-current="page"'


@functools.lru_cache(maxsize=64)
def _labels(language: str | None, autoescape: bool) -> dict[str, str]:
    """The links' words in the active ``language`` (escaped if
    ``autoescape``) and its arrows, looked up once per language: each
    gettext, escape and the text's direction were a few thread-local
    look-ups and calls, ~0.05 ms of a list's pager (cProfile call counts)."""
    escape = conditional_escape if autoescape else str
    words = ("Newest", "Newer", "Previous", "Page", "Older", "Next", "Pages")
    with translation.override(language):  # the page's (languages.rendering)
        labels = {word: str(escape(_(word))) for word in words}
        rtl = translation.get_language_bidi()
    labels["back"], labels["on"] = ("→", "←") if rtl else ("←", "→")
    return labels


forget_with_languages(_labels.cache_clear)


@register.simple_tag(takes_context=True)
def pager_nav(context: template.Context, summary_only: bool = False) -> SafeString:
    """What ``{% include "includes/pager.html" %}`` (``with summary_only=True``
    above a list) renders, byte for byte, in one call: the include's ~25
    nodes, rendered twice a page, cost the directory (five page links) 0.4
    and the news list 0.1 ms of CPU more (both templates' requests interleaved
    in one process, 10 rounds). The template stays the reference
    (tests/web/test_pager_nav.py renders both) and what other pages include."""
    pager = context.get("pager")
    paginated = getattr(pager, "is_paginated", None)
    keyset = getattr(pager, "keyset", None)
    if summary_only:
        if getattr(pager, "count", None) or paginated:
            return mark_safe(
                f'\n<p class="pager__summary pager__summary--top">{pager_summary(context)}</p>\n'
            )
        return mark_safe("\n")
    if not paginated:
        return mark_safe("\n")
    language = rendering_language(context)
    escape = conditional_escape if context.autoescape else str
    labels = _labels(language, bool(context.autoescape))
    first = ""
    if keyset and getattr(pager, "first_url", None):
        first = f'<li><a href="{escape(pager.first_url)}">{labels["Newest"]}</a></li>'
    previous = ""
    if getattr(pager, "previous_url", None):
        label = labels["Newer"] if keyset else labels["Previous"]
        previous = (
            f'<li><a rel="prev" href="{escape(pager.previous_url)}"><span aria-hidden="true">'
            f"{labels['back']}</span> {label}</a></li>"
        )
    page, current = labels["Page"], getattr(pager, "number", None)
    number_language = language or "en"  # as the number filter reads it
    links = "".join(
        (
            f'<li><a href="{escape(url)}"'
            f"{CURRENT if number == current else ''}>"
            f'<span class="visually-hidden">{page} </span>'
            f"{escape(format_number(number, number_language))}</a></li>"
        )
        if url
        else '<li class="pager__gap" aria-hidden="true">…</li>'
        for number, url in getattr(pager, "page_links", None) or ()
    )
    following = ""
    if getattr(pager, "next_url", None):
        label = labels["Older"] if keyset else labels["Next"]
        following = (
            f'<li><a rel="next" href="{escape(pager.next_url)}">{label} '
            f'<span aria-hidden="true">{labels["on"]}</span></a></li>'
        )
    return mark_safe(
        f'\n<nav class="pager" aria-label="{labels["Pages"]}">\n'
        f'  <p class="pager__summary">{pager_summary(context)}</p>\n'
        '  <ul class="pager__links">\n'
        f"    {first}\n    {previous}\n    {links}\n    {following}\n"
        "  </ul>\n</nav>\n\n"
    )
