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


@pytest.mark.parametrize("raw", QUERIES)
def test_links_of_one_request_each_change_only_their_own_copy(raw):
    request = RequestFactory().get(f"/vi/news/?{raw}")
    changes = [{"page": 2}, {"page": None}, {"x": "1 2", "page": 9}, {}, {"older": "-3.4"}]

    for _ in range(2):  # the query read once, then reused as it was
        for change in changes:
            assert address(request, **change) == by_querydict(request, change)
        assert list_query(request).lstrip("?") == list_query(
            RequestFactory().get(f"/vi/news/?{raw}")
        ).lstrip("?")


def test_a_request_in_another_encoding_is_encoded_in_it():
    request = RequestFactory().get("/vi/news/?q=caf%E9&page=2")
    request.encoding = "iso-8859-1"

    for change in ({"page": 3}, {"q": "thé", "page": None}, {"n": "5"}):
        assert address(request, **change) == by_querydict(request, change)
