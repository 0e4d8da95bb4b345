"""A detail page's object kept as its fragments are (``PreparedGet.kept_or_404``):
its row read once per change of the site, never after something shown in it
changed, the clock included; never another site's.

Pages are asked for with ``Cache-Control: no-cache``: only what is kept could be stale.
"""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from cooperation.models import Opportunity
from events.models import Event
from tests.factories.accounts import make_enterprise
from tests.factories.articles import make_article
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing
from tests.web.test_detail_fragments import heading, read_from
from tests.web.test_fragments import VN, rendered

ID = "cn-id.localhost"


def _article(**fields):
    return make_article(slug="kept-row", texts={"en": "Before"}, **fields), "/en/news/kept-row/"


def _event(**fields):
    return make_event(slug="kept-row", titles={"en": "Before"}, **fields), "/en/events/kept-row/"


def _listing(**fields):
    listing = make_listing(texts={"en": ("Before", "Rice for export")}, **fields)
    return listing, f"/en/opportunities/{listing.pk}/"


def _enterprise(**fields):
    enterprise = make_enterprise(slug="kept-row", names={"en": "Before"}, is_listed=True, **fields)
    return enterprise, "/en/enterprises/kept-row/"


PAGES = [
    (_article, "title_en"),
    (_event, "title_en"),
    (_listing, "title_en"),
    (_enterprise, "name_en"),
]


def title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S)[1]


@pytest.mark.parametrize("make, field", PAGES)
def test_a_detail_page_reads_its_object_once_until_the_site_changes(
    site_vn, in_site, committed, django_assert_max_num_queries, make, field
):
    with in_site(site_vn), committed():
        item, path = make()
    table = type(item)._meta.db_table
    first = rendered(path)
    with django_assert_max_num_queries(100) as read:
        again = rendered(path)
    assert table not in read_from(read)
    assert title(again) == title(first) and "Before" in title(again)

    with in_site(site_vn), committed():
        type(item).objects.filter(pk=item.pk).update(**{field: "After the edit"})

    edited = rendered(path)
    assert heading(edited) == "After the edit"
    assert "After the edit" in title(edited)  # outside the kept part: from the row


@pytest.mark.parametrize("make, field", PAGES)
def test_each_site_reads_its_own_object_at_the_same_address(
    site_vn, site_id, in_site, committed, make, field
):
    with in_site(site_vn), committed():
        _vn_item, path = make()
    with in_site(site_id), committed():
        id_item, id_path = make()
        type(id_item).objects.filter(pk=id_item.pk).update(**{field: "Of Indonesia"})
    assert "Before" in title(rendered(path))

    response = Client().get(id_path, HTTP_HOST=ID, HTTP_CACHE_CONTROL="no-cache")

    assert response.status_code == 200
    assert "Of Indonesia" in title(response.content.decode())
    assert "Before" in title(rendered(path))


def test_a_listing_kept_on_its_last_day_is_gone_after_the_sites_midnight(
    site_vn, in_site, committed
):
    zone = zoneinfo.ZoneInfo(site_vn.time_zone)
    today = timezone.localtime(timezone=zone).date()
    with in_site(site_vn), committed():
        listing, path = _listing()
        Opportunity.objects.filter(pk=listing.pk).update(valid_until=today)
    assert "Before" in title(rendered(path))  # its row kept

    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), zone)
    with time_machine.travel(midnight + datetime.timedelta(minutes=1)):
        response = Client().get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")

    assert response.status_code == 404


def test_an_article_scheduled_later_appears_at_its_time_though_it_was_asked_for_before(
    site_vn, in_site, committed
):
    later = timezone.now() + datetime.timedelta(hours=3)
    with in_site(site_vn), committed():
        _article(published_at=later)
    assert Client().get("/en/news/kept-row/", HTTP_HOST=VN).status_code == 404

    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        page = rendered("/en/news/kept-row/")

    assert "Before" in title(page)


def test_an_event_unpublished_leaves_its_page_though_its_row_was_kept(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        event, path = _event()
    rendered(path)
    with in_site(site_vn), committed():
        Event.objects.filter(pk=event.pk).update(is_published=False)

    response = Client().get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")

    assert response.status_code == 404


def test_the_kept_row_gives_each_request_its_own_object(site_vn, in_site, committed, monkeypatch):
    # Organisers are a list in the row: a view or tag changing its own copy
    # must not change the next request's.
    with in_site(site_vn), committed():
        _kept, path = _event(organisers=["MOIT"])
    rendered(path)
    from events import views

    seen = []
    original = views.EVENT_PAGE.kept_or_404

    def kept_and_changed(request, **values):
        event = original(request, **values)
        seen.append(list(event.organisers))
        event.organisers.append("changed by a request")
        return event

    monkeypatch.setattr(views.EVENT_PAGE, "kept_or_404", kept_and_changed)
    rendered(path)
    rendered(path)

    assert seen == [["MOIT"], ["MOIT"]]


def test_two_prepared_queries_of_one_model_keep_their_rows_apart(
    site_vn, in_site, committed, monkeypatch
):
    # Another query of the same model (other columns) must never read the
    # page query's kept row: instance() would cut it in the wrong places.
    from django.db.models import SlugField
    from django.test import RequestFactory

    from events.models import Event as EventModel
    from events.models.event import EVENT_PAGE
    from translations import prepared

    with in_site(site_vn), committed():
        _event()
    slugs_only = prepared.PreparedGet(
        EventModel,
        lambda slot: EventModel.objects.only("slug").filter(slug=slot("slug", SlugField())),
    )
    names = []

    def noting(request, name, values, compute, **options):
        names.append((name, tuple(values)))
        return compute()

    monkeypatch.setattr(prepared, "kept_value", noting)
    request = RequestFactory().get("/en/events/kept-row/")
    with in_site(site_vn):
        EVENT_PAGE.kept_or_404(request, slug="kept-row")
        slugs_only.kept_or_404(request, slug="kept-row")

    assert names[0] != names[1]


def test_kept_rows_cannot_push_the_pages_fragments_out(site_vn, in_site, committed, monkeypatch):
    # Anyone can make new list addresses (a junk parameter each): their rows
    # are kept apart from the fragments, in a store of their own.
    from web import fragment_store

    with in_site(site_vn), committed():
        _article()
    rendered("/en/news/")
    items = [key for key in fragment_store.fragments if ":article-item:" in key]
    assert items
    monkeypatch.setattr(fragment_store.kept_rows, "max_entries", 5)

    for number in range(20):
        rendered(f"/en/news/?utm_source={number}")

    assert len(fragment_store.kept_rows) <= 5
    assert all(key in fragment_store.fragments for key in items)
