"""Every time a coordinator or an editor reads about a clash names its zone:
events of several countries clash, and "10:00–12:00" alone is Vietnam's
time on one page and Korea's on the next. Each event is given in its own
zone (as its own page gives it), the overlap in the first event's, each
zone named in the reader's language by the shared formatting helper."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from coordination.models import CalendarEntry, ClashCase
from languages.formatting import format_range_in_zone, zone_name
from tests.coordination.test_clashes import editors
from tests.factories.events import make_event

HUB = {"HTTP_HOST": "localhost"}


#: One calendar day for both events, taken in Hanoi: each zone's own "today"
#: differs from 15:00 to 17:00 UTC (Seoul is past midnight, Hanoi is not),
#: and the two events then fell on different days and did not clash.
def _clock(zone: str, days: int, hour: int) -> datetime.datetime:
    today = timezone.now().astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    day = today + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), ZoneInfo(zone))


@pytest.fixture
def hanoi_and_seoul(site_vn, site_id, in_site, django_capture_on_commit_callbacks):
    """The walk's case: a Hanoi forum at 10:00 Vietnam time, and an evening
    of the same organiser at 12:00 Korea time (the same moment)."""
    editors(site_vn, in_site, {"bientap@cn-vn.example": "vi"})
    editors(site_id, in_site, {"redaksi@cn-id.example": "id"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), in_site(site_vn):
        hanoi = make_event(slug="hanoi-forum", starts=_clock("Asia/Ho_Chi_Minh", 40, 10), hours=2,
                           time_zone="Asia/Ho_Chi_Minh", organisers=["VCCI Zone Test"],
                           titles={"en": "Hanoi forum"})  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True), in_site(site_id):
        seoul = make_event(slug="seoul-evening", starts=_clock("Asia/Seoul", 40, 12), hours=2,
                           time_zone="Asia/Seoul", organisers=["VCCI zone test"],
                           titles={"en": "Seoul evening"})  # fmt: skip
    return hanoi, seoul


def own_times(event, language: str) -> str:
    return format_range_in_zone(event.starts_at, event.ends_at, language, event.time_zone)


@pytest.mark.django_db
def test_clash_times_name_their_zone_on_the_pages_in_the_e_mails_and_in_the_feed(
    client, coordinator, hanoi_and_seoul
):
    hanoi, seoul = hanoi_and_seoul
    case = ClashCase.objects.get(
        low_uid__in=[hanoi.uid, seoul.uid], high_uid__in=[hanoi.uid, seoul.uid]
    )
    client.force_login(coordinator)

    for language in ("de", "ru"):
        listed = client.get(f"/{language}/coordination/", **HUB).content.decode()
        detail = client.get(f"/{language}/coordination/clashes/{case.pk}/", **HUB).content.decode()
        for page in (listed, detail):
            # Each event in its own zone, as its own page says it...
            assert own_times(hanoi, language) in page
            assert own_times(seoul, language) in page
            # ...and the overlap in a zone that is named.
            first_zone = CalendarEntry.objects.get(event_uid=hanoi.uid).time_zone
            overlap = format_range_in_zone(seoul.starts_at, hanoi.ends_at, language, first_zone)
            other = format_range_in_zone(seoul.starts_at, hanoi.ends_at, language, "Asia/Seoul")
            assert overlap in page or other in page
        assert zone_name("Asia/Seoul", language) != zone_name("Asia/Ho_Chi_Minh", language)

    by_recipient = {address: message for message in mail.outbox for address in message.to}
    for address, language in (("bientap@cn-vn.example", "vi"), ("redaksi@cn-id.example", "id")):
        body = by_recipient[address].body
        assert own_times(hanoi, language) in body and own_times(seoul, language) in body

    from coordination.views import feed_token

    feed = client.get(f"/coordination/calendar.ics?token={feed_token(coordinator, 'de')}", **HUB)
    events = {str(e["uid"]): e for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    hanoi_item = next(e for uid, e in events.items() if uid.startswith(str(hanoi.uid)))
    # The other event's time is in the description, with its zone.
    assert own_times(seoul, "de") in str(hanoi_item["description"])


@pytest.mark.parametrize("language", ["de", "ru", "vi", "ar"])
def test_zone_names_come_from_cldr_in_the_readers_language(language):
    from languages.registry import babel_locale

    utc = babel_locale(language).time_zones["Etc/UTC"]["long"]["standard"]
    assert zone_name("UTC", language) == utc  # not Babel's "Unknown Region (UTC)"
    names = {zone_name(zone, language) for zone in ("Asia/Seoul", "Asia/Ho_Chi_Minh", "UTC")}
    assert len(names) == 3 and not any("Unknown" in name for name in names)
