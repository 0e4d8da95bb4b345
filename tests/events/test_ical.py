import datetime

import pytest
from icalendar import Calendar

from events.models import Event
from tests.factories.events import make_event


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> dict[str, object]:
    return {
        str(component["url"]).rsplit("/", 2)[-2]: component for component in calendar.walk("VEVENT")
    }


@pytest.mark.django_db
def test_site_feed_has_one_vevent_per_event_with_utc_instants(client, site_vn, in_site):
    with in_site(site_vn):
        expected = set(Event.objects.published().values_list("slug", flat=True))

    calendar = parse(client.get("/vi/events/calendar.ics", HTTP_HOST="cn-vn.localhost"))
    events = vevents(calendar)

    assert set(events) == expected
    forum = events["vietnam-china-investment-forum-2026"]
    assert forum.decoded("dtstart").astimezone(datetime.UTC) == datetime.datetime(
        2026, 12, 10, 2, 0, tzinfo=datetime.UTC
    )
    assert forum.decoded("dtend").astimezone(datetime.UTC) == datetime.datetime(
        2026, 12, 10, 10, 0, tzinfo=datetime.UTC
    )
    assert forum["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(forum["summary"]) == "Diễn đàn đầu tư Việt Nam – Trung Quốc"
    assert str(calendar["x-wr-calname"]).endswith("· Sự kiện")
    assert {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")} == {
        "Asia/Ho_Chi_Minh",
        "Asia/Shanghai",
    }


@pytest.mark.django_db
def test_all_day_multi_week_and_yearly_events(client, site_vn):
    events = vevents(parse(client.get("/en/events/calendar.ics", HTTP_HOST="cn-vn.localhost")))

    fair = events["online-farm-products-fair-2027"]
    assert fair.decoded("dtstart") == datetime.date(2027, 9, 15)
    assert fair.decoded("dtend") == datetime.date(2027, 11, 1)  # exclusive
    expo = events["china-asean-expo-2027"]
    assert expo["rrule"]["FREQ"] == ["YEARLY"]
    assert [str(c) for c in expo["categories"].cats] == ["Trade fair"]


@pytest.mark.django_db
def test_uids_are_stable_and_sequence_grows_with_changes(client, site_vn, in_site):
    first = vevents(parse(client.get("/en/events/calendar.ics", HTTP_HOST="cn-vn.localhost")))
    second = vevents(parse(client.get("/en/events/calendar.ics", HTTP_HOST="cn-vn.localhost")))
    assert {slug: str(e["uid"]) for slug, e in first.items()} == {
        slug: str(e["uid"]) for slug, e in second.items()
    }

    with in_site(site_vn):
        event = Event.objects.get(slug="vietnam-china-investment-forum-2026")
        event.summary_en = "Only the summary changed."
        event.save()
        after_summary = Event.objects.get(pk=event.pk).sequence
        event.starts_at += datetime.timedelta(hours=1)
        event.ends_at += datetime.timedelta(hours=1)
        event.save()
    third = vevents(parse(client.get("/en/events/calendar.ics", HTTP_HOST="cn-vn.localhost")))

    assert after_summary == 0
    assert third["vietnam-china-investment-forum-2026"]["sequence"] == 1
    assert str(third["vietnam-china-investment-forum-2026"]["uid"]) == str(
        first["vietnam-china-investment-forum-2026"]["uid"]
    )


@pytest.mark.django_db
def test_cancelled_events_stay_in_the_feed_as_cancelled(client, site_vn, in_site):
    with in_site(site_vn):
        make_event(slug="off", status="cancelled")
        make_event(slug="later", status="postponed")

    events = vevents(parse(client.get("/en/events/calendar.ics", HTTP_HOST="cn-vn.localhost")))

    assert str(events["off"]["status"]) == "CANCELLED"
    assert str(events["later"]["status"]) == "TENTATIVE"
    assert str(events["vietnam-china-investment-forum-2026"]["status"]) == "CONFIRMED"


@pytest.mark.django_db
def test_single_event_download_and_subscribe_link(client, site_id):
    calendar = parse(
        client.get("/id/events/jakarta-investment-forum-2027.ics", HTTP_HOST="cn-id.localhost")
    )
    page = client.get("/id/events/", HTTP_HOST="cn-id.localhost").content.decode()

    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        "Forum investasi Indonesia–Tiongkok"
    ]
    assert 'href="webcal://cn-id.localhost/id/events/calendar.ics"' in page
