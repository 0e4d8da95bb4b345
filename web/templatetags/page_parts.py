"""A detail page's breadcrumbs and share links, written here rather than by
includes: ``{% breadcrumbs section=… section_url=… current=… %}`` and
``{% share_links title %}``.

As includes (a template look-up, a context of their own, ~25 nodes each)
they cost ~0.2 ms of CPU each on every detail page (article, opportunity,
event: ~0.4 of their ~5–7 ms, bench/http.py); here they write the same HTML,
character for character (tests/web/test_page_parts.py holds the templates
they replace): every value goes through the filters the templates used and
out through Django's own ``render_value_in_context``, as ``{{ }}`` and
``{% translate %}`` write it.

Both are remembered (at most 1,024 of each, ~1–4 KB each) for values that
are plain strings, as ``{% url %}`` is (web/templatetags/memo_url.py): the
HTML depends on nothing but them and the language, and writing it (four
messages looked up, two addresses quoted, a dozen values escaped) was ~0.1
of a detail page's ~3 ms of CPU (both tags; bench/http.py's pages).
"""

import functools

from django import template
from django.template.base import render_value_in_context
from django.template.defaultfilters import add, urlencode
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from languages.formatting import after_label
from languages.memos import forget_with_languages
from languages.rendering import rendering_language

register = template.Library()

_ITEM = '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
#: Values remembered by value, typed (a SafeString is written unescaped).
_PLAIN = (str, SafeString)
#: Escaping on, as in every page: what remembered HTML was written with.
_PAGE = template.Context(autoescape=True)


def _plain(context: template.Context, values: tuple) -> bool:
    return context.autoescape and all(type(value) in _PLAIN for value in values)


def _translated(text: str, context: template.Context) -> str:
    """``{% translate %}``'s output for the translated ``text``: escaped, with
    doubled percent signs undone. (Each message is given to gettext() where
    it is used, written out, so that makemessages finds it.)"""
    return render_value_in_context(text, context).replace("%%", "%")


@register.simple_tag(takes_context=True)
def breadcrumbs(context: template.Context, **given: object) -> SafeString:
    """Home › section › this page (schema.org BreadcrumbList in microdata: no
    script), from ``current`` and optionally ``section``, ``section_url`` and
    ``current_language_of_name``: named in the tag, else read from the page,
    as an include's variables were."""

    def get(name: str) -> object:
        return given[name] if name in given else context.get(name, "")

    values = (
        get("section"),
        get("section_url"),
        get("current"),
        get("current_language_of_name"),
        get("page_origin"),
        getattr(get("current_language"), "code", ""),
        getattr(get("request"), "path", ""),
    )
    if _plain(context, values):
        return _remembered_breadcrumbs(rendering_language(context), *values)
    return _breadcrumbs(context, *values)


@functools.lru_cache(maxsize=1024, typed=True)
def _remembered_breadcrumbs(language: str | None, *values: str) -> SafeString:
    # The language keys the messages (the page's, as in the tag).
    with translation.override(language):
        return _breadcrumbs(_PAGE, *values)


def _breadcrumbs(
    context: template.Context,
    section: object,
    section_url: object,
    current: object,
    current_language_of_name: object,
    page_origin: object,
    code: object,
    path: object,
) -> SafeString:
    def out(value: object) -> str:
        return render_value_in_context(value, context)

    origin = out(page_origin)
    label = _translated(gettext("Breadcrumb"), context)
    home = _translated(gettext("Home"), context)
    parts = [
        f'\n<nav class="breadcrumbs" aria-label="{label}">',
        '\n  <ol itemscope itemtype="https://schema.org/BreadcrumbList">',
        f'\n    {_ITEM}<a itemprop="item" href="{origin}/{out(code)}/">'
        f'<span itemprop="name">{home}</span></a>'
        '<meta itemprop="position" content="1"></li>\n    ',
    ]
    if section:
        parts.append(
            f'{_ITEM}<a itemprop="item" href="{origin}{out(section_url)}">'
            f'<span itemprop="name">{out(section)}</span></a>'
            '<meta itemprop="position" content="2"></li>'
        )
    language = f' lang="{out(current_language_of_name)}"' if current_language_of_name else ""
    parts.append(
        f'\n    {_ITEM}<span itemprop="name" aria-current="page"{language}>'
        f"{out(current)}</span>"
        f'<link itemprop="item" href="{origin}{out(path)}">'
        f'<meta itemprop="position" content="{3 if section else 2}"></li>'
        "\n  </ol>\n</nav>\n"
    )
    return mark_safe("".join(parts))  # every value above is escaped


#: The services, as share links: (address with {url} and {title}, name or None
#: for the translated "E-mail", attributes). Plain links to each service's
#: share page: no script of theirs on ours.
_SERVICES = (
    ("mailto:?subject={title}&amp;body={url}", None, ""),
    ("https://wa.me/?text={title}%20{url}", "WhatsApp", " rel=\"noopener noreferrer\" target=\"_blank\""),
    ("https://t.me/share/url?url={url}&amp;text={title}", "Telegram", " rel=\"noopener noreferrer\" target=\"_blank\""),
    ("https://service.weibo.com/share/share.php?url={url}&amp;title={title}", "微博", " rel=\"noopener noreferrer\" target=\"_blank\""),
    ("https://www.linkedin.com/sharing/share-offsite/?url={url}", "LinkedIn", " rel=\"noopener noreferrer\" target=\"_blank\""),
    ("https://www.facebook.com/sharer/sharer.php?u={url}", "Facebook", " rel=\"noopener noreferrer\" target=\"_blank\""),
    ("https://x.com/intent/post?url={url}&amp;text={title}", "X", " rel=\"noopener noreferrer\" target=\"_blank\""),
)  # fmt: skip


@register.simple_tag(takes_context=True)
def share_links(context: template.Context, title: object) -> SafeString:
    """Links to share this page (its address and ``title``) by e-mail and
    on social networks; the address and title are quoted once each."""
    values = (
        context.get("page_origin", ""),
        getattr(context.get("request", ""), "path", ""),
        title,
    )
    if _plain(context, values):
        return _remembered_share_links(rendering_language(context), *values)
    return _share_links(context, *values)


@functools.lru_cache(maxsize=1024, typed=True)
def _remembered_share_links(language: str | None, *values: str) -> SafeString:
    # The language keys the messages (the page's, as in the tag).
    with translation.override(language):
        return _share_links(_PAGE, *values)


# Messages may read differently (tests change the language settings); so may the HTML.
forget_with_languages(_remembered_breadcrumbs.cache_clear)
forget_with_languages(_remembered_share_links.cache_clear)


def _share_links(
    context: template.Context, page_origin: object, path: object, title: object
) -> SafeString:
    url = render_value_in_context(urlencode(add(page_origin, path)), context)
    title = render_value_in_context(urlencode(title), context)
    share = _translated(gettext("Share this page"), context)
    colon = after_label(rendering_language(context))
    email = _translated(gettext("E-mail"), context)
    items = "".join(
        f'\n    <li><a href="{address.format(url=url, title=title)}"{attributes}>'
        f"{name or email}</a></li>"
        for address, name, attributes in _SERVICES
    )
    return mark_safe(  # every value above is escaped
        f'\n\n<nav class="share" aria-label="{share}">'
        f'\n  <span class="share__label">{share}{colon}</span>\n  <ul>{items}\n  </ul>\n</nav>\n\n'
    )
