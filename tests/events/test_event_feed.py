"""The events list's Atom feed: the site's upcoming events (of a type, if the
list is filtered), newest announced first, each with when and where it is in
the reader's language and time zone. Never another site's, a past or an
unpublished one."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from babel.dates import format_date
from django.utils import timezone, translation

from events.models import Event
from tests.factories.events import make_event

ATOM = {"a": "http://www.w3.org/2005/Atom"}
VN, ID = "cn-vn.localhost", "cn-id.localhost"

pytestmark = pytest.mark.django_db


def feed(client, path: str, host: str = VN) -> ET.Element:
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def titles(root: ET.Element) -> list[str]:
    return [entry.find("a:title", ATOM).text for entry in root.findall("a:entry", ATOM)]


@pytest.fixture
def events(site_vn, site_id, in_site):
    soon = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    with in_site(site_vn):
        fair = make_event(
            starts=soon,
            kind=Event.Kind.TRADE_FAIR,
            titles={"en": "Fruit fair", "vi": "Hội chợ trái cây"},
            venue={"vi": "Nam Ninh"},
            time_zone="Asia/Ho_Chi_Minh",
        )
        make_event(starts=soon, kind=Event.Kind.FORUM, titles={"vi": "Diễn đàn cà phê"})
        make_event(
            starts=timezone.now() - datetime.timedelta(days=30), titles={"vi": "Hội nghị đã qua"}
        )
        make_event(starts=soon, titles={"vi": "Bản nháp"}, is_published=False)
    with in_site(site_id):
        make_event(starts=soon, titles={"id": "Pameran Jakarta", "en": "Jakarta fair"})
    return fair


def test_the_feed_holds_this_sites_upcoming_published_events(client, events):
    shown = titles(feed(client, "/vi/events/feed.atom"))

    assert {"Hội chợ trái cây", "Diễn đàn cà phê"} <= set(shown)
    assert not {"Hội nghị đã qua", "Bản nháp", "Pameran Jakarta"} & set(shown)
    # Newest announced first: the two made last of those shown.
    assert shown.index("Diễn đàn cà phê") < shown.index("Hội chợ trái cây")


def test_an_entry_says_when_and_where_in_the_readers_language(client, events):
    root = feed(client, "/vi/events/feed.atom")
    entry = next(
        e
        for e in root.findall("a:entry", ATOM)
        if e.find("a:title", ATOM).text == "Hội chợ trái cây"
    )

    summary = entry.find("a:summary", ATOM).text
    local = events.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert format_date(local.date(), "long", locale="vi") in summary  # "14 tháng 12, 2026"
    assert "Nam Ninh" in summary
    assert (
        entry.find("a:link", ATOM).get("href") == f"http://cn-vn.localhost/vi/events/{events.slug}/"
    )
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"


def test_the_feed_follows_the_lists_type(client, events, site_vn):
    root = feed(client, "/vi/events/feed.atom?type=trade_fair")

    assert "Hội chợ trái cây" in titles(root) and "Diễn đàn cà phê" not in titles(root)
    with translation.override("vi"):
        heading = (
            f"{site_vn.name} · {translation.gettext('Events')} · {Event.Kind.TRADE_FAIR.label}"
        )
    assert root.find("a:title", ATOM).text == heading


def test_the_events_list_links_its_feed_with_its_type(client, events):
    page = client.get("/vi/events/?type=trade_fair", HTTP_HOST=VN).content.decode()

    assert 'href="/vi/events/feed.atom?type=trade_fair"' in page
    assert 'type="application/atom+xml"' in page


def test_each_site_has_its_own_feed(client, events):
    assert "Pameran Jakarta" in titles(feed(client, "/id/events/feed.atom", ID))
