"""``{% follow_link %}`` and ``{% feed_link %}`` render what the includes
they replace on the lists do, byte for byte: in several languages, with an
address and a query to escape, with autoescaping on and off."""

import pytest
from django.template import Context, engines
from django.utils import translation

INCLUDED = (
    '{% include "alerts/includes/follow_link.html" with query=alert_query %}|'
    '{% include "includes/feed_link.html" %}'
)
TAGGED = "{% load list_links %}{% follow_link alert_query %}|{% feed_link feed_url %}"


def render(source: str, autoescape: bool, **context) -> str:
    template = engines["django"].from_string(source).template
    return template.render(Context(context, autoescape=autoescape))


@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("language", ["en", "vi", "zh-hans", "ar"])
def test_the_tags_render_what_the_includes_do(language, autoescape):
    context = {
        "alert_query": "topic=opportunity&value=<x>&within=a'b",
        "feed_url": '/vi/news/feed.atom?tag=a"b&product=09',
    }
    with translation.override(language):
        tagged = render(TAGGED, autoescape, **context)
        assert tagged == render(INCLUDED, autoescape, **context)
    if autoescape:
        assert "&amp;value=&lt;x&gt;" in tagged and "tag=a&quot;b" in tagged
