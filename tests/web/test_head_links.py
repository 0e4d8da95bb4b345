"""The head's pager links (web/templatetags/head_links.py): the HTML the
template's lookups gave, with a pager, without one, and with another value."""

import pytest
from django.template import Context, engines

from web.pagination import Pager

TEMPLATE = (
    '<link rel="canonical" href="/x/{% if pager.canonical_query %}?{{ pager.canonical_query }}'
    '{% endif %}">\n  {% if pager.previous_url %}<link rel="prev" href="{{ pager.previous_url }}">'
    '{% endif %}\n  {% if pager.next_url %}<link rel="next" href="{{ pager.next_url }}">{% endif %}\n'
)
TAGS = '{% load head_links %}<link rel="canonical" href="/x/{% canonical_query %}">\n  {% pager_links %}\n'
ASKED = "{% if pager.asked %}past the end: {{ pager.asked }}{% endif %}"
ASKED_TAG = '{% load head_links %}{% pager_value "asked" as a %}{% if a %}past the end: {{ pager.asked }}{% endif %}'


def render(source: str, context: dict) -> str:
    return engines["django"].from_string(source).template.render(Context(context))


@pytest.mark.parametrize(
    "context",
    [
        {},
        {"pager": None},
        {"pager": Pager(items=[], per_page=2, count=3, next_url="/vi/news/?after=1.2")},
        {
            "pager": Pager(
                items=[],
                per_page=2,
                count=3,
                previous_url="/vi/news/?a=1&b=<x>",
                canonical_query="page=2&q=\"'",
                asked=9,
            )
        },
        {"pager": {"previous_url": "/p/?a&b", "canonical_query": "c=<"}},
    ],
)
def test_the_html_is_the_templates(context):
    assert render(TAGS, context) == render(TEMPLATE, context)
    assert render(ASKED_TAG, context) == render(ASKED, context)
