"""A public list's count of matches is kept as its items are
(``web.templatetags.fragments.kept_value``): counted once per change of the
site, per address and filters, never carried to another site or list."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.articles import make_article

VN, ID = "cn-vn.localhost", "cn-id.localhost"


def counted(path: str, host: str = VN) -> tuple[int, int]:
    """The list's total as the page (asked for afresh, as a forced reload)
    says it, and how many counts it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200, path
    counts = sum("COUNT(" in query["sql"] for query in queries)
    total = re.search(r"Total: ([\d,]+)", response.content.decode())
    return int(total.group(1).replace(",", "")) if total else 0, counts


def test_the_news_count_is_kept_until_an_article_is_published(
    site_vn, site_id, in_site, django_capture_on_commit_callbacks
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        make_article(texts={"en": "First"})
        make_article(texts={"en": "Second"})
    total, counts = counted("/en/news/")
    assert total >= 2 and counts == 1
    assert counted("/en/news/") == (total, 0)

    # A filter is another count; another site has its own, kept apart.
    assert counted("/en/news/?kind=policy")[1] == 1
    elsewhere = counted("/en/news/", ID)[0]
    with in_site(site_id), django_capture_on_commit_callbacks(execute=True):
        make_article(texts={"en": "Elsewhere"})
    assert counted("/en/news/", ID) == (elsewhere + 1, 1)
    assert counted("/en/news/")[0] == total

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        make_article(texts={"en": "Third"})
    assert counted("/en/news/") == (total + 1, 1)


def test_two_lists_of_one_view_keep_their_counts_apart(
    site_vn, in_site, django_capture_on_commit_callbacks
):
    """The upcoming events and the past ones are one view with one name for
    their count: the address tells them apart."""
    import datetime

    from django.utils import timezone

    from tests.factories.events import make_event
    from web.fragment_store import fragments as kept_fragments
    from web.fragment_store import kept_rows

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            make_event(starts=timezone.now() - datetime.timedelta(days=30 + n))

    def shown_total(path: str) -> str:
        page = Client().get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache").content.decode()
        return re.search(r"Showing [\d,]+–[\d,]+ of ([\d,]+)", page).group(1)

    past = shown_total("/en/events/past/")
    kept_fragments.clear()
    kept_rows.clear()
    upcoming = shown_total("/en/events/")
    assert upcoming != past  # the demo site's, and the three made above
    assert shown_total("/en/events/past/") == past
