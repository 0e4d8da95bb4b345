"""``{% page_meta %}`` (web/templatetags/page_meta.py): the HTML the template
includes/meta.html gave before it, for every shape of its variables."""

import itertools
from types import SimpleNamespace

from django.template import Context, engines
from django.utils.safestring import mark_safe

#: includes/meta.html as a template, as it was (less its comments).
TEMPLATE = """{% with plain_description=description|striptags plain_title=title|striptags %}{% with short_description=plain_description|truncatechars:200 %}
<meta name="description" content="{{ plain_description|truncatechars:160 }}">
<meta property="og:type" content="{{ type|default:'website' }}">
<meta property="og:title" content="{{ plain_title }}">
<meta property="og:description" content="{{ short_description }}">
{% if page_origin %}<meta property="og:url" content="{{ page_origin }}{{ request.path }}">{% endif %}
{% if site %}<meta property="og:site_name" content="{{ site.name }}">{% endif %}
<meta property="og:locale" content="{{ current_language.code|slice:':2' }}">
{% if image %}<meta property="og:image" content="{% if image|slice:':4' != 'http' %}{{ page_origin }}{% endif %}{{ image }}">
{% if image_alt %}<meta property="og:image:alt" content="{{ image_alt }}">{% endif %}
<meta name="twitter:card" content="summary_large_image">{% else %}<meta name="twitter:card" content="summary">{% endif %}
<meta name="twitter:title" content="{{ plain_title }}">
<meta name="twitter:description" content="{{ short_description }}">{% endwith %}{% endwith %}
"""


def test_the_tag_writes_what_the_template_wrote():
    engine = engines["django"]
    before = engine.from_string(TEMPLATE)
    now = engine.from_string('{% include "includes/meta.html" %}')
    frame = {
        "site": SimpleNamespace(name="China & Vietnam"),
        "current_language": SimpleNamespace(code="zh-hans"),
        "request": SimpleNamespace(path="/vi/news/<x>/"),
    }
    shapes = {
        "title": [None, "Tom & <b>Jerry</b>", mark_safe("A &amp; B"), "x" * 250],
        "description": [None, 'Chính sách <i>mới</i> "đây"' * 9],
        "type": [None, "article"],
        "image": [None, "", "/media/a b.png?x=1&y=2", "https://cdn.example/i.png"],
        "image_alt": [None, "Ảnh <1>"],
        "page_origin": [None, "https://a.example"],
        "frame": [None, frame],  # the site, the language and the request, or none
    }
    names = list(shapes)
    checked = 0
    for values in itertools.product(*shapes.values()):
        # None stands for a variable the page does not set.
        context = {
            name: value for name, value in zip(names, values, strict=True) if value is not None
        }
        assert now.render(context) == before.render(context), context
        checked += 1
    assert checked == 512
    assert 'content="https://a.example/media/a b.png?x=1&amp;y=2"' in now.render(
        {"image": "/media/a b.png?x=1&y=2", "page_origin": "https://a.example"}
    )
    assert now.template.render(Context({"type": None})).count('content="website"') == 1
