"""A public list's page of rows is kept as its count is
(``web.pagination``, ``kept_as``): read once per change of the site, per
address, filters and page; never after an item came, went or left with the
clock; never another site's or another page's.

Pages are asked for with ``Cache-Control: no-cache``: only what is kept could be stale.
"""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.accounts import make_enterprise
from tests.factories.articles import make_article
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing
from tests.web.test_fragments import VN
from tests.web.test_kept_rows import ID


def listed(path: str, host: str = VN) -> tuple[str, int]:
    """The page, and how many of its queries selected from a content table."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200, path
    reads = sum(bool(re.search(r'FROM "(cooperation|events)_', query["sql"])) for query in queries)
    return response.content.decode(), reads


def _article(name: str) -> None:
    make_article(texts={"en": name})


def _listing(name: str) -> None:
    make_listing(texts={"en": (name, "Rice for export")})


def _enterprise(name: str) -> None:
    make_enterprise(names={"en": name}, is_listed=True)


def _event(name: str) -> None:
    make_event(titles={"en": name}, starts=timezone.now() + datetime.timedelta(days=2))


LISTS = [
    ("/en/news/", _article),
    ("/en/opportunities/?type=demand", _listing),
    ("/en/enterprises/", _enterprise),
    ("/en/events/", _event),
]


@pytest.mark.parametrize("path, make", LISTS)
def test_a_lists_page_is_read_once_until_an_item_comes(
    site_vn, site_id, in_site, committed, path, make
):
    with in_site(site_vn), committed():
        make("Kept first")
    page, _reads = listed(path)
    assert "Kept first" in page
    again, reads = listed(path)
    assert reads == 0
    assert "Kept first" in again

    with in_site(site_id), committed():
        make("On the other site")
    assert "On the other site" not in listed(path)[0]
    assert "On the other site" in listed(path, ID)[0]

    with in_site(site_vn), committed():
        make("Came later")
    assert "Came later" in listed(path)[0]


def test_each_page_of_a_list_is_kept_apart(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        for number in range(25):
            make_article(
                texts={"en": f"Numbered {number:02}"},
                published_at=timezone.now() - datetime.timedelta(hours=number + 1),
            )
    first, _reads = listed("/en/news/")
    older = re.search(r'href="(/en/news/\?older=[^"]+)"', first)[1].replace("&amp;", "&")
    second, _reads = listed(older)
    assert "Numbered 00" in first and "Numbered 00" not in second
    again, reads = listed(older)
    assert reads == 0 and again == second


def test_an_event_kept_in_the_list_leaves_it_when_it_ends(site_vn, in_site, committed):
    ends = timezone.now() + datetime.timedelta(hours=2)
    with in_site(site_vn), committed():
        make_event(
            titles={"en": "Ending soon"},
            starts=ends - datetime.timedelta(hours=1),
            ends_at=ends,
        )
    assert "Ending soon" in listed("/en/events/")[0]

    with time_machine.travel(ends + datetime.timedelta(minutes=1)):
        page, reads = listed("/en/events/")

    assert "Ending soon" not in page and reads > 0


def test_rows_read_just_before_a_scheduled_article_end_there_though_the_request_ran_past_it(
    site_vn, in_site, committed, monkeypatch
):
    """The view reads the clock, then the page goes on past a scheduled
    publication: what it read then is kept no later than that moment (the
    site's next change is looked up from when the request began)."""
    import sys

    from django.utils import timezone as django_timezone

    later = timezone.now() + datetime.timedelta(hours=1)
    with in_site(site_vn), committed():
        make_article(texts={"en": "Scheduled one"}, published_at=later)
    just_before = later - datetime.timedelta(milliseconds=2)

    with time_machine.travel(just_before, tick=False) as traveller:
        real_now = django_timezone.now

        def clock():
            moment = real_now()
            if sys._getframe(1).f_code.co_name == "article_list":
                # The view's reading, a millisecond before; then the request
                # runs on past the moment.
                traveller.move_to(later + datetime.timedelta(milliseconds=1))
                return moment + datetime.timedelta(milliseconds=1)
            return moment

        monkeypatch.setattr(django_timezone, "now", clock)
        assert "Scheduled one" not in listed("/en/news/")[0]
        monkeypatch.undo()

    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert "Scheduled one" in listed("/en/news/")[0]
