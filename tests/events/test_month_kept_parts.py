"""The month page keeps its calendar links and type filter rendered
({% fragment "month-calendar-nav" %}, {% fragment "month-filters" %}), shared
by every month: a month rendered after another, around them, is the month
rendered afresh, with or without a type asked for."""

import pytest
from django.test import Client

from web.fragment_store import fragments as kept_fragments

VN = "cn-vn.localhost"


def page(path: str) -> str:
    response = Client().get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("query", ["", "?type=webinar"])
def test_a_month_around_another_months_kept_parts_is_the_month_afresh(site_vn, query):
    kept_fragments.clear()
    afresh = page(f"/vi/events/2031/3/{query}")
    kept_fragments.clear()
    page(f"/vi/events/2031/2/{query}")
    assert any(":month-filters:" in key for key in kept_fragments)

    assert page(f"/vi/events/2031/3/{query}") == afresh
    assert 'id="event-type"' in afresh and "/vi/events/2031/4/" in afresh
