"""The frame's links to the page in each language the site offers: the
``hreflang`` alternates in the head and the language switcher.

Every page renders them, from ``page_languages`` (the ``languages`` context
processor), three entries on a site and fifteen on the hub. As templates (a
loop in base.html, two included files) they cost ~0.3 ms of a page's CPU on
the benchmark machine: some 25 nodes per site page, two template look-ups,
and every variable resolved through Django's generic lookup. Written here,
the same HTML, character for character, with the same escaping (each value
through ``conditional_escape``, as ``{{ }}`` does: web.escaping) costs a few µs.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from web.escaping import escaped

register = template.Library()
#: Above this many languages (the hub) the list folds into a disclosure.
FOLD_ABOVE = 4
_CURRENT = ' aria-current="true"'


@register.simple_tag(takes_context=True)
def alternate_links(context: template.Context) -> SafeString:
    """``<link rel="alternate" hreflang=…>`` for each language of the page
    (the x-default and canonical links follow in base.html)."""
    origin = escaped(context.get("page_origin") or "")
    return mark_safe(
        "".join(
            f'<link rel="alternate" hreflang="{escaped(language["code"])}"'
            f' href="{origin}{escaped(language["path"])}">\n  '
            for language in context.get("page_languages") or ()
        )
    )


@register.simple_tag(takes_context=True)
def language_switcher(context: template.Context) -> SafeString:
    """The switcher: nothing for a page in one language; a list of links for
    a few; for many, the list folded under the current language's name."""
    languages = context.get("page_languages") or ()
    if len(languages) <= 1:
        return mark_safe("\n")
    items = "".join(
        f'\n  <li><a href="{escaped(language["url"])}"'
        f' lang="{escaped(language["code"])}"'
        f' hreflang="{escaped(language["code"])}"'
        f"{_CURRENT if language['current'] else ''}>"
        f"{escaped(language['name'])}</a></li>\n  "
        for language in languages
    )
    listed = f"<ul>\n  {items}\n</ul>\n"
    if len(languages) > FOLD_ABOVE:
        current = "".join(
            f'<span lang="{escaped(language["code"])}">{escaped(language["name"])}</span>'
            for language in languages
            if language["current"]
        )
        inner = (
            '\n  <details class="languages__more">\n    <summary>'
            f"{current} · {escaped(gettext('Languages'))}</summary>\n"
            f"    {listed}\n  </details>\n  "
        )
    else:
        inner = f"\n  {listed}\n  "
    label = escaped(gettext("Language"))
    return mark_safe(f'\n<nav class="languages" aria-label="{label}">\n  {inner}\n</nav>\n\n')
