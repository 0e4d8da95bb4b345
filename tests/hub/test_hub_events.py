"""The hub's events: every site's upcoming events, soonest first, with a link
to the past ones; "upcoming" as on each site's own list: until the event
ends (an Expo in its third day is still on), whatever its time zone."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.factories.events import make_event

HUB = {"HTTP_HOST": "localhost"}


def page(client, path: str) -> str:
    response = client.get(path, **HUB)
    assert response.status_code == 200, path
    return response.content.decode()


def calendar(site_vn, site_id):
    """Events around now, on both sites, in three time zones."""
    now = timezone.now().replace(microsecond=0)
    hour, day = datetime.timedelta(hours=1), datetime.timedelta(days=1)
    with schema_context(site_vn.schema_name):
        make_event(titles={"en": "Hub past fair"}, starts=now - 3 * day, hours=5)
        make_event(titles={"en": "Hub ended an hour ago"}, starts=now - 4 * hour, hours=3,
                   time_zone="Asia/Ho_Chi_Minh")  # fmt: skip
        make_event(titles={"en": "Hub running expo"}, starts=now - 2 * day, ends_at=now + 2 * day)
        make_event(titles={"en": "Hub forum next week"}, starts=now + 7 * day)
    with schema_context(site_id.schema_name):
        make_event(titles={"en": "Hub Jakarta meeting"}, starts=now + 2 * day,
                   time_zone="Asia/Jakarta")  # fmt: skip
    return now


@pytest.mark.django_db
def test_the_hub_lists_upcoming_events_of_every_site_soonest_first(client, site_vn, site_id):
    calendar(site_vn, site_id)

    html = page(client, "/en/events/")

    titles = [t for t in re.findall(r">(Hub [^<]+)</a>", html)]
    assert titles == ["Hub running expo", "Hub Jakarta meeting", "Hub forum next week"]
    assert 'href="/en/events/past/"' in html  # the way to the past ones
    assert "China–Indonesia" in html and "China–Vietnam" in html  # each labelled with its site


@pytest.mark.django_db
def test_the_past_list_has_the_ended_ones_latest_first(client, site_vn, site_id):
    calendar(site_vn, site_id)

    html = page(client, "/en/events/past/")

    titles = [t for t in re.findall(r">(Hub [^<]+)</a>", html)]
    assert titles == ["Hub ended an hour ago", "Hub past fair"]
    assert 'href="/en/events/"' in html


@pytest.mark.django_db
def test_an_event_moves_to_the_past_list_when_it_ends(client, site_vn, site_id):
    now = calendar(site_vn, site_id)

    with time_machine.travel(now + datetime.timedelta(days=3), tick=False):
        upcoming = page(client, "/en/events/")
        past = page(client, "/en/events/past/")

    assert "Hub running expo" not in upcoming and "Hub running expo" in past
    assert "Hub Jakarta meeting" in past and "Hub forum next week" in upcoming


@pytest.mark.django_db
def test_the_home_page_leads_to_the_upcoming_events_and_counts_the_running_one(
    client, site_vn, site_id
):
    calendar(site_vn, site_id)

    home = page(client, "/en/")

    assert 'href="/en/events/"' in home
    assert "Hub running expo" in home and "Hub past fair" not in home


@pytest.mark.django_db
def test_the_events_pages_cost_the_same_queries_whatever_the_number_of_events(
    client, site_vn, site_id, django_assert_max_num_queries
):
    calendar(site_vn, site_id)
    with schema_context(site_vn.schema_name):
        for number in range(25):
            make_event(titles={"en": f"Hub extra {number}"})
    with django_assert_max_num_queries(8):
        first = page(client, "/en/events/")
    second = page(client, "/en/events/?page=2")

    assert 'rel="next"' in first and "Hub extra" in second
    assert client.get("/en/events/?page=x", **HUB).status_code == 404
    assert client.get("/en/events/?page=99", **HUB).status_code in (200, 302)


@pytest.mark.django_db
def test_the_events_pages_read_in_the_visitors_language(client, site_vn, site_id):
    with schema_context(site_vn.schema_name):
        make_event(titles={"en": "Port logistics forum", "vi": "Diễn đàn logistics cảng"})

    vietnamese = page(client, "/vi/events/")
    chinese = page(client, "/zh-hans/events/past/")

    assert "Diễn đàn logistics cảng" in vietnamese
    assert 'href="http://cn-vn.localhost/vi/events/' in vietnamese
    assert "<h1>" in chinese and "/zh-hans/events/" in chinese


@pytest.mark.django_db
def test_a_stored_events_page_ends_when_an_event_ends(
    client, site_vn, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True), schema_context(site_vn.schema_name):
        make_event(titles={"en": "Hub ending soon"}, starts=now - datetime.timedelta(hours=2),
                   ends_at=now + datetime.timedelta(minutes=5))  # fmt: skip
    first = client.get("/en/events/", **HUB)
    assert "Hub ending soon" in first.content.decode()
    assert client.get("/en/events/", **HUB)["X-Page-Cache"] == "hit"

    with time_machine.travel(now + datetime.timedelta(minutes=6), tick=False):
        later = client.get("/en/events/", **HUB)

    assert "Hub ending soon" not in later.content.decode()
