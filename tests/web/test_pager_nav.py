"""``{% pager_nav %}`` renders what ``{% include "includes/pager.html" %}``
does, byte for byte: above a list (``summary_only``) and below it, numbered
and cursor pagers, both directions, gaps, a "more than" total, an address
to escape, a right-to-left language and an empty list."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import translation

from web.pagination import Pager
from web.templatetags.pager import summary_html

INCLUDED = (
    '{% include "includes/pager.html" with summary_only=True %}|{% include "includes/pager.html" %}'
)
TAG = "{% load pager %}{% pager_nav summary_only=True %}|{% pager_nav %}"

PAGERS = {
    "one page": Pager(items=[1, 2], per_page=20, count=2, number=1, num_pages=1),
    "empty": Pager(items=[], per_page=20, count=0, number=1, num_pages=1),
    "cursor, uncounted": Pager(items=[1], per_page=20, count=None, keyset=True, next_url="/o"),
    "numbered, more than": Pager(
        items=list(range(20)), per_page=20, count=5000, count_is_lower_bound=True, number=2
    ),
    "numbered, middle": Pager(
        items=list(range(20)),
        per_page=20,
        count=1234,
        number=6,
        num_pages=62,
        previous_url="/en/events/?type=fair&page=5",
        next_url="/en/events/?type=fair&page=7",
        first_url="/en/events/?type=fair",
        page_links=[(1, "/en/events/?a=<b>"), (None, ""), (5, "/x?page=5"), (6, "/x?page=6")],
    ),
    "numbered, uncounted": Pager(
        items=[1], per_page=20, count=None, number=3, previous_url="/x?page=2"
    ),
    "cursor, more than": Pager(
        items=[1],
        per_page=20,
        count=10_000,
        count_is_lower_bound=True,
        keyset=True,
        first_url="/vi/news/",
        previous_url="/vi/news/?newer=1.2",
        next_url="/vi/news/?older=3.4&tag=a'b",
    ),
    "cursor, last page": Pager(
        items=[1], per_page=20, count=45, keyset=True, first_url="/vi/news/", previous_url="/n"
    ),
}


@pytest.mark.parametrize("language", ["en", "vi", "ar", "zh-hans"])
@pytest.mark.parametrize("name", list(PAGERS))
def test_the_tag_renders_what_the_include_does(name, language):
    with translation.override(language):
        included = Template(INCLUDED).render(Context({"pager": PAGERS[name]}))
        tagged = Template(TAG).render(Context({"pager": PAGERS[name]}))
        PAGERS[name].summary_html = None  # rendered afresh for each language

    assert tagged == included
    if "cursor, more" in name:
        older = "←" if language == "ar" else "→"  # right to left in Arabic
        assert "&#x27;" in tagged and f'<span aria-hidden="true">{older}</span></a>' in tagged


@pytest.mark.parametrize("language", ["en", "vi", "ar", "ja"])
@pytest.mark.parametrize("name", list(PAGERS))
def test_the_summary_is_what_its_template_renders(name, language):
    with translation.override(language):
        template = get_template("includes/pager_summary.html").render({"pager": PAGERS[name]})

        assert summary_html(PAGERS[name]) == template


def test_a_pager_of_another_kind_reads_as_in_the_template():
    # The hub's and tests' pagers may lack attributes the template reads as false.
    pager = SimpleNamespace(
        is_paginated=True, keyset=False, count=40, number=2, previous_url="?page=1",
        next_url="?page=3", page_links=[], start_index=21, end_index=40,
    )  # fmt: skip
    with translation.override("ar"):
        assert Template(TAG).render(Context({"pager": pager})) == Template(INCLUDED).render(
            Context({"pager": SimpleNamespace(**vars(pager))})
        )
