"""Defects a newcomer's walk through the hub found: the newest listings
across sites, event dates in the event's own time zone, co-hosted events once."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from cooperation.models import Opportunity
from hub.gather import gathered
from languages.formatting import format_date, format_range
from search.registry import index_object
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing

HUB = {"HTTP_HOST": "localhost"}


def _listing(title: str, *, age: datetime.timedelta, country: str) -> None:
    """A listing posted ``age`` ago, indexed (as the demo's are) when loaded."""
    listing = make_listing(texts={"en": (title, "Details.")}, country=country)
    Opportunity.objects.filter(pk=listing.pk).update(created_at=timezone.now() - age)
    listing.refresh_from_db()
    index_object(listing)


@pytest.mark.django_db
def test_the_hubs_newest_listings_are_the_newest_of_every_site_newest_first(
    client, site_vn, site_id
):
    # Loaded one site after the other, each newest first (as the demo loads
    # them): the order they reached the index says nothing of their age.
    with schema_context(site_vn.schema_name):
        _listing("VN posted today", age=datetime.timedelta(hours=2), country="VN")
        _listing("VN posted last month", age=datetime.timedelta(days=30), country="VN")
    with schema_context(site_id.schema_name):
        _listing("ID posted today", age=datetime.timedelta(hours=1), country="ID")
        _listing("ID posted last week", age=datetime.timedelta(days=7), country="ID")

    mine = {"VN posted today", "VN posted last month", "ID posted today", "ID posted last week"}
    listed = [item.title for item in gathered("en", per_list=100).listings if item.title in mine]
    assert listed == ["ID posted today", "VN posted today", "ID posted last week",
                      "VN posted last month"]  # fmt: skip
    # The home page shows the newest of them first, each with its site.
    html = client.get("/en/", **HUB).content.decode()
    section = html[html.index('id="hub-listings"') : html.index('id="hub-events"')]
    assert section.index("ID posted today") < section.index("VN posted today")
    assert "VN posted last month" not in section or section.index(
        "VN posted today"
    ) < section.index("VN posted last month")


@pytest.mark.django_db
def test_an_all_day_event_shows_on_the_hub_on_its_own_days(client, site_id):
    # 17–20 September in China: stored from midnight in Shanghai, 16:00 UTC
    # the day before (and 23:00 the day before in Jakarta, the site's zone).
    shanghai = ZoneInfo("Asia/Shanghai")
    first = timezone.now().astimezone(shanghai).date() + datetime.timedelta(days=3)
    last = first + datetime.timedelta(days=3)
    with schema_context(site_id.schema_name):
        make_event(
            titles={"en": "China–ASEAN Expo"},
            starts=datetime.datetime.combine(first, datetime.time(0), tzinfo=shanghai),
            ends_at=datetime.datetime.combine(last, datetime.time(23, 59), tzinfo=shanghai),
            all_day=True,
            slug="expo",
        )
        site_page = client.get("/en/events/expo/", HTTP_HOST="cn-id.localhost").content.decode()
    days = format_range(first, last, "en")
    day_before = format_date(first - datetime.timedelta(days=1), "en")
    assert days in site_page  # as the site itself shows it

    for path in ("/en/", "/en/events/"):
        html = client.get(path, **HUB).content.decode()
        item = html[html.index("China–ASEAN Expo") - 600 : html.index("China–ASEAN Expo")]
        assert days in item, path
        assert day_before not in item


@pytest.mark.django_db
def test_a_cohosted_event_is_listed_once_on_the_hub_naming_its_cohosts(client, site_vn, site_id):
    with schema_context(site_vn.schema_name):
        make_event(titles={"en": "Joint border trade forum"}, slug="joint", cohost_codes=["cn-id"])
    with schema_context(site_id.schema_name):
        from events.models import Event

        assert Event.objects.filter(slug="joint").exclude(origin_code="").exists()  # the copy

    for path in ("/en/", "/en/events/", "/en/search/?q=forum"):
        html = client.get(path, **HUB).content.decode()
        assert html.count("Joint border trade forum") == 1, path
        item = html[
            html.index("Joint border trade forum") - 800 : html.index("Joint border trade forum")
        ]
        assert "http://cn-vn.localhost/en/events/joint/" in item  # the origin's page
        assert re.search(r"co-hosted with <a [^>]+>China–Indonesia", item), path


@pytest.mark.django_db
def test_the_search_feed_dates_an_event_by_its_announcement_not_its_start(client, site_id):
    shanghai = ZoneInfo("Asia/Shanghai")
    first = timezone.now().astimezone(shanghai).date() + datetime.timedelta(days=40)
    with schema_context(site_id.schema_name):
        make_event(
            titles={"en": "Durian fair"},
            starts=datetime.datetime.combine(first, datetime.time(0), tzinfo=shanghai),
            all_day=True,
            hours=23,
        )
    feed = client.get("/en/search/feed.atom?q=durian", HTTP_HOST="cn-id.localhost")
    published = re.search(r"<published>([^<]+)</published>", feed.content.decode()).group(1)
    when = datetime.datetime.fromisoformat(published)
    assert abs(when - timezone.now()) < datetime.timedelta(hours=1)  # announced just now
