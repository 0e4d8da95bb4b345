import datetime
from zoneinfo import ZoneInfo

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
        forum = make_event(
            slug="hanoi-forum", time_zone="Asia/Ho_Chi_Minh", titles={"vi": "Diễn đàn Hà Nội"},
            starts=datetime.datetime(2026, 12, 10, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
            hours=8,
        )  # fmt: skip

    calendar = parse(client.get("/vi/events/calendar.ics", HTTP_HOST="cn-vn.localhost"))
    events = vevents(calendar)

    assert set(events) == expected | {forum.slug}
    vevent = events["hanoi-forum"]
    assert vevent.decoded("dtstart").astimezone(datetime.UTC) == datetime.datetime(
        2026, 12, 10, 2, 0, tzinfo=datetime.UTC
    )
    assert vevent.decoded("dtend").astimezone(datetime.UTC) == datetime.datetime(
        2026, 12, 10, 10, 0, tzinfo=datetime.UTC
    )
    assert vevent["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(vevent["summary"]) == "Diễn đàn Hà Nội"
    assert str(events["vietnam-china-investment-forum"]["summary"]) == (
        "Diễn đàn đầu tư Việt Nam – Trung Quốc"
    )
    assert str(calendar["x-wr-calname"]).endswith("· Sự kiện")
    assert {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")} == {
        "Asia/Ho_Chi_Minh",
        "Asia/Shanghai",
    }


@pytest.mark.django_db
def test_all_day_multi_week_and_yearly_events(client, site_vn, demo_event):
    events = vevents(parse(client.get("/en/events/calendar.ics", HTTP_HOST="cn-vn.localhost")))
    shanghai = ZoneInfo("Asia/Shanghai")
    online_fair = demo_event(site_vn, "online-farm-products-fair")

    fair = events["online-farm-products-fair"]
    first = online_fair.starts_at.astimezone(shanghai).date()
    last = online_fair.ends_at.astimezone(shanghai).date()
    assert fair.decoded("dtstart") == first
    assert fair.decoded("dtend") == last + datetime.timedelta(days=1)  # exclusive
    assert (last - first).days + 1 == 42  # six weeks, as its summary says
    expo = events["china-asean-expo"]
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
        event = Event.objects.get(slug="vietnam-china-investment-forum")
        event.summary_en = "Only the summary changed."
        event.save()
        after_summary = Event.objects.get(pk=event.pk).sequence
        event.starts_at += datetime.timedelta(hours=1)
        event.ends_at += datetime.timedelta(hours=1)
        event.save()
    third = vevents(parse(client.get("/en/events/calendar.ics", HTTP_HOST="cn-vn.localhost")))

    assert after_summary == 0
    assert third["vietnam-china-investment-forum"]["sequence"] == 1
    assert str(third["vietnam-china-investment-forum"]["uid"]) == str(
        first["vietnam-china-investment-forum"]["uid"]
    )


@pytest.mark.django_db
def test_two_officials_changing_one_event_each_move_its_sequence(site_vn, in_site):
    """Both opened the event at SEQUENCE n; each change is a new one, or the
    second would reach no calendar and no registrant (events.services.changes)."""
    with in_site(site_vn):
        event = make_event(slug="two-editors")
        first, second = Event.objects.get(pk=event.pk), Event.objects.get(pk=event.pk)
        first.status = "postponed"
        first.save()
        second.ends_at += datetime.timedelta(hours=1)
        second.save()

        assert Event.objects.get(pk=event.pk).sequence == event.sequence + 2


@pytest.mark.django_db
def test_cancelled_events_stay_in_the_feed_as_cancelled(client, site_vn, in_site):
    with in_site(site_vn):
        make_event(slug="off", status="cancelled")
        make_event(slug="later", status="postponed")

    events = vevents(parse(client.get("/en/events/calendar.ics", HTTP_HOST="cn-vn.localhost")))

    assert str(events["off"]["status"]) == "CANCELLED"
    assert str(events["later"]["status"]) == "TENTATIVE"
    assert str(events["vietnam-china-investment-forum"]["status"]) == "CONFIRMED"


@pytest.mark.django_db
def test_single_event_download_and_subscribe_link(client, site_id):
    calendar = parse(
        client.get("/id/events/jakarta-investment-forum.ics", HTTP_HOST="cn-id.localhost")
    )
    page = client.get("/id/events/", HTTP_HOST="cn-id.localhost").content.decode()

    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [
        "Forum investasi Indonesia–Tiongkok"
    ]
    assert 'href="webcal://cn-id.localhost/id/events/calendar.ics"' in page
