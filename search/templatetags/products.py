"""Products of an item, named in the reader's language.

{% load products %}
{% products opportunity.hs_codes "opportunity_list" %}
{{ code|hs_code }}  → 0801.31
"""

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from search.vocabulary import format_code, product_names
from web.escaping import escaped
from web.templatetags.memo_url import memo_reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def products(context, codes, list_url_name: str = "") -> SafeString:
    """Badges naming ``codes``, each linking to ``list_url_name`` filtered by
    it when given. Names fall back along the site's chain, marked by ``lang``.

    Written here rather than by an inclusion template (the template it was:
    tests/search/test_products_tag.py): every detail page asks for it, most
    with no code at all, and the include cost its own context and render
    even then (~100 Python calls a page, cProfile)."""
    request = context.get("request")
    site = getattr(request, "tenant", None)
    codes = list(codes or [])
    if not codes or site is None:
        return mark_safe("\n")
    names = product_names(codes, translation.get_language(), site)
    base = ""
    if list_url_name:  # remembered as {% url %} remembers it (a plain name)
        base = memo_reverse(list_url_name) if ":" not in list_url_name else reverse(list_url_name)
    write = escaped if context.autoescape else str
    parts = [
        '<p class="products"><span class="products__label">',
        write(gettext("Product")),
        ":</span> ",
    ]
    for code in codes:
        name = names[code]
        shown = f'lang="{write(name.language)}">{write(format_code(code))} · {write(name)}'
        if base:
            parts.append(
                f'<a class="badge badge--product" href="{write(f"{base}?product={code}")}" {shown}</a> '
            )
        else:
            parts.append(f'<span class="badge badge--product" {shown}</span> ')
    parts.append("</p>\n")
    return mark_safe("".join(parts))  # every value above is written escaped


@register.filter
def hs_code(code: str) -> str:
    """An HS code as it is written: "0801.31", "0801", "08"."""
    return format_code(str(code or ""))


#: The options' markup of each kept vocabulary (``ProductGroups.key``).
_kept_options: dict[tuple, str] = {}


@register.simple_tag
def product_options(groups, selected: str = "") -> SafeString:
    """The product select's groups and options (search/includes/product_select.html).

    Written here rather than by two template loops: ~350 options in ~100
    groups cost 1.9 ms of CPU a render that way (and 1.5 ms through
    format_html), a seventh of a search page's Python when its filters are
    not kept (bench/content.py). Written once for a kept vocabulary, as long
    as it is kept: each list's first page after a write to its site wrote
    them again (~0.6 ms, bench/http.py --profile --after-write).
    """
    key = getattr(groups, "key", None)
    options = _kept_options.get(key) if key is not None else None
    if options is None:
        options = _options(groups)
        if key is not None:
            if len(_kept_options) > 64:  # ~0.2 MB each for ~1,200 codes
                _kept_options.clear()
            _kept_options[key] = options
    if selected:
        mark = f'<option value="{escaped(selected)}">'
        options = options.replace(mark, mark[:-1] + " selected>", 1)
    return mark_safe(options)  # written escaped by _options; ``selected`` escaped above


def _options(groups) -> str:
    parts = []
    for chapter, options in groups:
        parts.append(f'<optgroup label="{escaped(chapter)}">')
        for code, option in options:
            parts.append(f'<option value="{escaped(code)}">{escaped(option)}</option>')
        parts.append("</optgroup>")
    return "".join(parts)  # every text above is escaped
