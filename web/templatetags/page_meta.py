"""``{% page_meta %}``: a page's description and link-preview data (Open
Graph, Twitter card), from the variables includes/meta.html is given:
``title``, ``description``, ``type`` and optionally ``image`` (an address)
and ``image_alt``.

Every page renders it. As template code (two ``{% with %}``, four ``{% if %}``
and some fifteen variables and filters) it cost ~0.2 ms of a page's CPU on
the benchmark machine; here it is the same HTML, character for character:
each value goes through the filters the template used and is written out
by Django's own ``render_value_in_context``, as ``{{ }}`` writes it.
"""

import html

from django import template
from django.template.base import render_value_in_context
from django.template.defaultfilters import slice_filter
from django.utils.safestring import SafeString, mark_safe

from web.templatetags.short_text import striptags, truncatechars

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context: template.Context, **given: object) -> SafeString:
    """From the variables named in the tag, else from the context: base.html
    names them (an include of includes/meta.html cost the frame a template
    look-up and a context of its own, ~40 µs)."""

    def get(name: str) -> object:
        # A name the page does not set reads as "" (string_if_invalid), as
        # a template variable does.
        return given[name] if name in given else context.get(name, "")

    autoescape = context.autoescape

    def out(value: object) -> str:
        # A plain string (not marked safe) is what {{ }} would escape with
        # Django's escape(), which is html.escape(): written here without
        # the generic path (localtime, localize, conditional_escape's lazy
        # wrapper), half of this tag's ~0.1 ms (cProfile, timeit).
        if type(value) is str and autoescape:
            return html.escape(value)
        return render_value_in_context(value, context)

    # Each text stripped and cut once: striptags is an HTML parse.
    description, title = striptags(get("description")), striptags(get("title"))
    short_description = out(truncatechars(description, 200))
    title = out(title)
    origin, site, image = get("page_origin"), get("site"), get("image")
    request = get("request")
    parts = [
        f'\n<meta name="description" content="{out(truncatechars(description, 160))}">',
        f'\n<meta property="og:type" content="{out(get("type") or "website")}">',
        f'\n<meta property="og:title" content="{title}">',
        f'\n<meta property="og:description" content="{short_description}">\n',
    ]
    if origin:
        path = getattr(request, "path", "")
        parts.append(f'<meta property="og:url" content="{out(origin)}{out(path)}">')
    parts.append("\n")
    if site:
        # The page's site_texts (tenants.context_processors): the name read once a page.
        texts = get("site_texts")
        name = texts["name"] if texts else site.name
        parts.append(f'<meta property="og:site_name" content="{out(name)}">')
    code = getattr(get("current_language"), "code", "")
    parts.append(f'\n<meta property="og:locale" content="{out(slice_filter(code, ":2"))}">\n')
    if image:
        prefix = out(origin) if slice_filter(image, ":4") != "http" else ""
        parts.append(f'<meta property="og:image" content="{prefix}{out(image)}">\n')
        if image_alt := get("image_alt"):
            parts.append(f'<meta property="og:image:alt" content="{out(image_alt)}">')
        parts.append('\n<meta name="twitter:card" content="summary_large_image">')
    else:
        parts.append('<meta name="twitter:card" content="summary">')
    parts.append(f'\n<meta name="twitter:title" content="{title}">')
    parts.append(f'\n<meta name="twitter:description" content="{short_description}">')
    return mark_safe("".join(parts))
