"""A pager's links and a list's feed query are what copying the request's
QueryDict, changing it and ``urlencode()`` gave: the same order, repeats,
empty values, escaping and non-ASCII (web.pagination builds them without
the copy)."""

import pytest
from django.test import RequestFactory

from web.pagination import address, list_query

QUERIES = [
    "",
    "type=supply&sector=A&country=VN&page=3",
    "x=1&x=2&y=&page=",
    "q=c%C3%A0+ph%C3%AA&older=1.2&n=5",
    "a=%00b&%E2%80%AE=1&sp=a+b&amp=%26&x=%F0%9F%8C%8F",
]


def by_querydict(request, changes: dict) -> str:
    query = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = str(value)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


@pytest.mark.parametrize("raw", QUERIES)
@pytest.mark.parametrize(
    "changes", [{}, {"page": 4}, {"page": None, "n": 7}, {"older": "1.2", "zz": "é & ü"}]
)
def test_a_link_is_the_querydicts(raw, changes):
    request = RequestFactory().get(f"/vi/news/?{raw}")

    assert address(request, **changes) == by_querydict(request, changes)


@pytest.mark.parametrize("raw", QUERIES)
def test_a_feeds_query_leaves_the_page_out(raw):
    request = RequestFactory().get(f"/vi/news/?{raw}")
    query = request.GET.copy()
    for name in ("page", "older", "newer", "asked"):
        query.pop(name, None)

    assert list_query(request) == (f"?{query.urlencode()}" if query else "")
