"""Pager arrows point the way the page reads: in Arabic (right to left)
"previous" is on the right, so its arrow points right. They pointed left in
every language ("← السابق" on the hub's search, a newcomer's walk)."""

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation


def pager_links(language: str) -> dict[str, str]:
    pager = SimpleNamespace(
        is_paginated=True, keyset=False, first_url="", count=40, number=2,
        previous_url="?page=1", next_url="?page=3", page_links=[],
        start_index=21, end_index=40, has_more=False, page_count=3,
    )  # fmt: skip
    with translation.override(language):
        html = render_to_string("includes/pager.html", {"pager": pager})
    return {
        rel: re.sub(r"<[^>]+>|\s+", " ", inner).strip()
        for rel, inner in re.findall(r'<a rel="(prev|next)"[^>]*>(.*?)</a>', html, re.S)
    }


@pytest.mark.parametrize(
    ("language", "previous", "following"), [("ar", "→", "←"), ("vi", "←", "→"), ("ja", "←", "→")]
)
def test_arrows_follow_the_reading_direction(language, previous, following):
    links = pager_links(language)

    assert links["prev"].startswith(previous) and previous not in links["next"]
    assert links["next"].endswith(following)
