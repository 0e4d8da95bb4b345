"""``{% breadcrumbs %}`` and ``{% share_links %}`` (web/templatetags/page_parts.py):
the HTML the includes they replace gave, for every shape of their variables."""

import itertools
from types import SimpleNamespace

from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import override

#: includes/breadcrumbs.html, as it was.
BREADCRUMBS = '{% load i18n %}{# Home › section › this page (schema.org BreadcrumbList in microdata: no script). #}\n<nav class="breadcrumbs" aria-label="{% translate \'Breadcrumb\' %}">\n  <ol itemscope itemtype="https://schema.org/BreadcrumbList">\n    <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="{{ page_origin }}/{{ current_language.code }}/"><span itemprop="name">{% translate "Home" %}</span></a><meta itemprop="position" content="1"></li>\n    {% if section %}<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="{{ page_origin }}{{ section_url }}"><span itemprop="name">{{ section }}</span></a><meta itemprop="position" content="2"></li>{% endif %}\n    <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><span itemprop="name" aria-current="page"{% if current_language_of_name %} lang="{{ current_language_of_name }}"{% endif %}>{{ current }}</span><link itemprop="item" href="{{ page_origin }}{{ request.path }}"><meta itemprop="position" content="{% if section %}3{% else %}2{% endif %}"></li>\n  </ol>\n</nav>\n'

#: includes/share.html, as it was.
SHARE = '{% load i18n formatting %}{# Plain links to each service\'s share page: no script of theirs on ours. #}\n{# url and title below are quoted for a query, once each rather than per service. #}{% with url=page_origin|add:request.path|urlencode title=title|urlencode %}\n<nav class="share" aria-label="{% translate \'Share this page\' %}">\n  <span class="share__label">{% translate "Share this page" %}{% colon %}</span>\n  <ul>\n    <li><a href="mailto:?subject={{ title }}&amp;body={{ url }}">{% translate "E-mail" %}</a></li>\n    <li><a href="https://wa.me/?text={{ title }}%20{{ url }}" rel="noopener noreferrer" target="_blank">WhatsApp</a></li>\n    <li><a href="https://t.me/share/url?url={{ url }}&amp;text={{ title }}" rel="noopener noreferrer" target="_blank">Telegram</a></li>\n    <li><a href="https://service.weibo.com/share/share.php?url={{ url }}&amp;title={{ title }}" rel="noopener noreferrer" target="_blank">微博</a></li>\n    <li><a href="https://www.linkedin.com/sharing/share-offsite/?url={{ url }}" rel="noopener noreferrer" target="_blank">LinkedIn</a></li>\n    <li><a href="https://www.facebook.com/sharer/sharer.php?u={{ url }}" rel="noopener noreferrer" target="_blank">Facebook</a></li>\n    <li><a href="https://x.com/intent/post?url={{ url }}&amp;text={{ title }}" rel="noopener noreferrer" target="_blank">X</a></li>\n  </ul>\n</nav>\n{% endwith %}\n'


def test_the_tags_write_what_the_includes_wrote():
    engine = engines["django"]
    crumbs_before, share_before = engine.from_string(BREADCRUMBS), engine.from_string(SHARE)
    crumbs_now = engine.from_string(
        "{% load page_parts %}{% if given %}{% breadcrumbs section=section"
        " section_url=section_url current=current current_language_of_name=lang %}"
        "{% else %}{% breadcrumbs current=current %}{% endif %}"
    )
    share_now = engine.from_string("{% load page_parts %}{% share_links title %}")
    shapes = {
        "current": [None, "Tom & <b>Jerry</b> 100%", mark_safe("A &amp; B")],
        "section": [None, "", 'Tin <tức> & "chính sách"'],
        "section_url": [None, "/vi/news/?a=1&b=2"],
        "lang": [None, "", "zh-hans"],
        "page_origin": [None, "", "https://a.example"],
        # A page's context names the language active as it renders
        # (tenants.context_processors; languages.rendering): "vi" or absent.
        "current_language": [None, SimpleNamespace(code="vi")],
        "request": [SimpleNamespace(path="/vi/news/<x> y/")],
        "language": ["en", "vi", "zh-hans"],
    }
    names = list(shapes)
    checked = 0
    for values in itertools.product(*shapes.values()):
        # None stands for a variable the page does not set.
        context = {n: v for n, v in zip(names, values, strict=True) if v is not None}
        given = {**context, "given": True}
        active = context["current_language"].code if "current_language" in context else None
        with override(active or context["language"]):
            # Named in the tag, as the detail pages do, or read from the page.
            assert crumbs_now.render(given) == crumbs_before.render(
                {**given, "current_language_of_name": given.get("lang", "")}
            ), given
            assert crumbs_now.render(context) == crumbs_before.render(context), context
            shared = {**context, "title": context.get("current", "")}
            assert share_now.render(shared) == share_before.render(shared), shared
        checked += 1
    assert checked == 3 * 3 * 2 * 3 * 3 * 2 * 3


def test_the_html_is_remembered_per_language_for_plain_strings_only():
    from django.utils.translation import gettext_lazy

    from web.templatetags import page_parts

    engine = engines["django"]
    share_before = engine.from_string(SHARE)
    share_now = engine.from_string("{% load page_parts %}{% share_links title %}")
    remembered = page_parts._remembered_share_links
    remembered.cache_clear()
    page = {
        "title": "Tin <tức> & 100%",
        "page_origin": "https://a.example",
        "request": SimpleNamespace(path="/vi/news/x/"),
    }
    with override("vi"):
        vi = share_now.render(page)
        assert share_now.render(page) == vi == share_before.render(page)
    with override("en"):
        assert share_now.render(page) == share_before.render(page) != vi
    assert remembered.cache_info().currsize == 2 and remembered.cache_info().hits == 1
    # Anything else (lazy text, a number the page would localize) is written afresh.
    for title in (gettext_lazy("Home"), 1234567):
        with override("vi"):
            assert share_now.render({**page, "title": title}) == share_before.render(
                {**page, "title": title}
            )
    assert remembered.cache_info().currsize == 2
